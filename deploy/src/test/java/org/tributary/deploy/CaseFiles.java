package org.tributary.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.tributary.testsupport.SkewedCases;
import org.tributary.testsupport.SkewedCases.TestCase;

/**
 * The end-to-end tests' own cases: generated here, written as an HTCDS Excel file (field names in row 1, as the
 * template's hidden row), imported through the gateway, and counted here for the truth the region is checked
 * against. Skewed on purpose so that some cells are small.
 */
final class CaseFiles {

    static final List<String> COLUMNS = List.of(
            "ext_ExternalRef",
            "ext_RegisteredOn",
            "vic_TraffickingStatus",
            "prs_Gender",
            "ext_AgeAtIdentification",
            "prs_Citizenship",
            "ext_CountryOfExploitation",
            "ext_InformedOfEntitlements",
            "cas_Status");

    private CaseFiles() {}

    /** The end-to-end tests' cases of a country: registered 2022–2024, all its own citizens. */
    static List<TestCase> generate(String country, int n) {
        return SkewedCases.generate(country, "-E2E-", n, 31L * country.hashCode() + n, 2022, false);
    }

    static byte[] xlsx(String country, List<TestCase> cases) {
        try (var workbook = new XSSFWorkbook();
                var out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("HTCDS");
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(
                    workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            var header = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                header.createCell(c).setCellValue(COLUMNS.get(c));
            }
            for (int i = 0; i < cases.size(); i++) {
                TestCase t = cases.get(i);
                var row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(t.ref());
                var date = row.createCell(1);
                date.setCellValue(t.registered());
                date.setCellStyle(dateStyle);
                row.createCell(2).setCellValue(t.status());
                row.createCell(3).setCellValue(t.gender());
                row.createCell(4).setCellValue(t.age());
                row.createCell(5).setCellValue(country);
                row.createCell(6).setCellValue("TH".equals(country) ? "MY" : "TH");
                if (t.informed() != null) {
                    row.createCell(7).setCellValue(t.informed().toString());
                }
                row.createCell(8).setCellValue("Active");
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many of the cases match every coordinate ({@code _T}: any value) and the filter. */
    static long count(List<TestCase> cases, Map<String, String> at, Predicate<TestCase> filter) {
        return SkewedCases.count(cases, at, filter);
    }
}

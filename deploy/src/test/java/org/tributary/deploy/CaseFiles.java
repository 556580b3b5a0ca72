package org.tributary.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.tributary.common.codes.AgeBand;

/**
 * The end-to-end tests' own cases: generated here, written as an HTCDS Excel file (field names in row 1, as the
 * template's hidden row), imported through the gateway, and counted here for the truth the region is checked
 * against. Skewed on purpose so that some cells are small.
 */
final class CaseFiles {

    static final List<String> GENDERS =
            List.of("Feminine", "Feminine", "Feminine", "Masculine", "Masculine", "TransgenderFeminine");
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

    record TestCase(String ref, LocalDate registered, String status, String gender, int age, Boolean informed) {

        boolean identified() {
            return !status.equals("NotAVictimOfTrafficking");
        }

        String genderCode() {
            return switch (gender) {
                case "Feminine" -> "F";
                case "Masculine" -> "M";
                default -> "X";
            };
        }

        String ageBand() {
            return AgeBand.of(age).label();
        }
    }

    private CaseFiles() {}

    static List<TestCase> generate(String country, int n) {
        Random r = new Random(31L * country.hashCode() + n);
        List<TestCase> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int age = r.nextInt(10) == 0 ? 5 + r.nextInt(60) : 16 + r.nextInt(18);
            String status = switch (r.nextInt(10)) {
                case 0 -> "NotAVictimOfTrafficking";
                case 1, 2, 3 -> "PossibleVictimOfTrafficking";
                default -> "ActualVictimOfTrafficking";
            };
            Boolean informed = r.nextInt(8) == 0 ? null : r.nextInt(3) == 0;
            LocalDate registered = LocalDate.of(2022 + r.nextInt(3), 1 + r.nextInt(12), 1 + r.nextInt(28));
            out.add(new TestCase(
                    country + "-E2E-" + i, registered, status, GENDERS.get(r.nextInt(GENDERS.size())), age, informed));
        }
        return out;
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
        Map<String, Function<TestCase, String>> dims = Map.of(
                "gender",
                TestCase::genderCode,
                "ageBand",
                TestCase::ageBand,
                "year",
                c -> Integer.toString(c.registered().getYear()),
                "informedOfEntitlements",
                c -> c.informed() == null ? "_U" : c.informed() ? "yes" : "no");
        return cases.stream()
                .filter(filter)
                .filter(c -> at.entrySet().stream()
                        .allMatch(e -> e.getValue().equals("_T")
                                || (dims.containsKey(e.getKey())
                                        && dims.get(e.getKey()).apply(c).equals(e.getValue()))))
                .count();
    }
}

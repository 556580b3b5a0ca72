package org.tributary.aggregator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.Unit;
import tools.jackson.databind.json.JsonMapper;

class XlsxExportTest {

    final Exports exports = new Exports(JsonMapper.builder().build());

    static XSSFWorkbook read(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    static List<String> header(Sheet sheet) {
        List<String> names = new ArrayList<>();
        sheet.getRow(0).forEach(c -> names.add(c.getStringCellValue()));
        return names;
    }

    /** The row whose first columns read {@code area} and whose dimension column reads {@code code}. */
    static Row row(Sheet sheet, String area, String column, String code) {
        int c = header(sheet).indexOf(column);
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row.getCell(0).getStringCellValue().equals(area)
                    && row.getCell(c).getStringCellValue().equals(code)) {
                return row;
            }
        }
        throw new AssertionError("no row " + area + " " + code);
    }

    static Cell cell(Sheet sheet, Row row, String column) {
        return row.getCell(header(sheet).indexOf(column), Row.MissingCellPolicy.CREATE_NULL_AS_BLANK);
    }

    @Test
    void xlsxHasOneSheetPerDatasetAndAProvenanceSheetLast() throws IOException {
        try (var workbook = read(exports.xlsx(List.of(SampleDatasets.victims(), SampleDatasets.shareReturned())))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(4);
            assertThat(workbook.getSheetName(0)).isEqualTo("victims-by-sex-age");
            assertThat(workbook.getSheetName(1)).isEqualTo("share-returned");
            assertThat(workbook.getSheetName(2)).isEqualTo("protection");
            assertThat(workbook.getSheetName(3)).isEqualTo("provenance");
        }
    }

    @Test
    void xlsxSheetsHaveABoldFrozenHeaderLikeTheCsvWithoutTheDatasetColumn() throws IOException {
        try (var workbook = read(exports.xlsx(List.of(SampleDatasets.victims())))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(header(sheet))
                    .containsExactly(
                            "area",
                            "area_m49",
                            "gender",
                            "ageBand",
                            "year",
                            "unit",
                            "value",
                            "standard_error",
                            "lower",
                            "upper",
                            "numerator",
                            "denominator",
                            "status",
                            "note");
            var headerCell = sheet.getRow(0).getCell(0);
            assertThat(workbook.getFontAt(headerCell.getCellStyle().getFontIndex())
                            .getBold())
                    .isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
            assertThat(sheet.getLastRowNum()).isEqualTo(7);
        }
    }

    @Test
    void xlsxWritesValuesBoundsAndM49CodesAsNumbers() throws IOException {
        try (var workbook = read(exports.xlsx(List.of(SampleDatasets.victims(), SampleDatasets.shareReturned())))) {
            Sheet victims = workbook.getSheet("victims-by-sex-age");
            Row kh = row(victims, "KH", "gender", "F");
            assertThat(cell(victims, kh, "value").getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(cell(victims, kh, "value").getNumericCellValue()).isEqualTo(35.0);
            assertThat(cell(victims, kh, "area_m49").getNumericCellValue()).isEqualTo(116.0);
            assertThat(cell(victims, kh, "ageBand").getStringCellValue()).isEqualTo("9-17");
            assertThat(cell(victims, kh, "unit").getStringCellValue()).isEqualTo("persons");

            Row interval = row(victims, "GMS", "gender", "F");
            assertThat(cell(victims, interval, "area_m49").getCellType()).isEqualTo(CellType.BLANK);
            assertThat(cell(victims, interval, "value").getCellType()).isEqualTo(CellType.BLANK);
            assertThat(cell(victims, interval, "lower").getNumericCellValue()).isEqualTo(35.0);
            assertThat(cell(victims, interval, "upper").getNumericCellValue()).isEqualTo(39.0);
            assertThat(cell(victims, interval, "status").getStringCellValue()).isEqualTo("interval");

            Row suppressed = row(victims, "TH", "gender", "F");
            assertThat(cell(victims, suppressed, "area_m49").getNumericCellValue())
                    .isEqualTo(764.0);
            assertThat(cell(victims, suppressed, "status").getStringCellValue()).isEqualTo("suppressed");

            Sheet share = workbook.getSheet("share-returned");
            Row ratio = row(share, "KH", "countryOfExploitation", "TH");
            assertThat(cell(share, ratio, "value").getNumericCellValue()).isEqualTo(0.25);
            assertThat(cell(share, ratio, "numerator").getNumericCellValue()).isEqualTo(5.0);
            assertThat(cell(share, ratio, "denominator").getNumericCellValue()).isEqualTo(20.0);
            assertThat(cell(share, ratio, "unit").getStringCellValue()).isEqualTo("ratio");
        }
    }

    @Test
    void xlsxProvenanceSheetHasOneRowPerNodeOfEachDataset() throws IOException {
        try (var workbook = read(exports.xlsx(List.of(SampleDatasets.victims(), SampleDatasets.shareReturned())))) {
            Sheet sheet = workbook.getSheet("provenance");
            assertThat(header(sheet)).containsExactlyElementsOf(XlsxWriter.PROVENANCE_HEADER);
            assertThat(sheet.getLastRowNum()).isEqualTo(6);

            Row kh = sheet.getRow(1);
            assertThat(cell(sheet, kh, "dataset").getStringCellValue()).isEqualTo("victims-by-sex-age");
            assertThat(cell(sheet, kh, "region").getStringCellValue()).isEqualTo("GMS");
            assertThat(cell(sheet, kh, "region_name").getStringCellValue()).isEqualTo("Greater Mekong Subregion");
            assertThat(cell(sheet, kh, "asked_at").getStringCellValue()).isEqualTo("2026-03-01T10:00:00Z");
            assertThat(cell(sheet, kh, "answered_at").getStringCellValue()).isEqualTo("2026-03-01T10:00:02Z");
            assertThat(cell(sheet, kh, "nodes_asked").getNumericCellValue()).isEqualTo(3.0);
            assertThat(cell(sheet, kh, "nodes_answered").getNumericCellValue()).isEqualTo(2.0);
            assertThat(cell(sheet, kh, "partial").getBooleanCellValue()).isTrue();
            assertThat(cell(sheet, kh, "node_id").getStringCellValue()).isEqualTo("kh");
            assertThat(cell(sheet, kh, "country").getStringCellValue()).isEqualTo("KH");
            assertThat(cell(sheet, kh, "status").getStringCellValue()).isEqualTo("ok");
            assertThat(cell(sheet, kh, "policy_version").getNumericCellValue()).isEqualTo(3.0);
            assertThat(cell(sheet, kh, "released_at").getStringCellValue()).isEqualTo("2026-02-28T00:00:00Z");

            Row vn = sheet.getRow(3);
            assertThat(cell(sheet, vn, "node_id").getStringCellValue()).isEqualTo("vn");
            assertThat(cell(sheet, vn, "status").getStringCellValue()).isEqualTo("timeout");
            assertThat(cell(sheet, vn, "reason").getStringCellValue()).isEqualTo("The node did not answer in time");
            assertThat(cell(sheet, vn, "policy_version").getCellType()).isEqualTo(CellType.BLANK);

            assertThat(cell(sheet, sheet.getRow(4), "dataset").getStringCellValue())
                    .isEqualTo("share-returned");
        }
    }

    @Test
    void xlsxSheetNamesAreSafeUniqueAndAtMost31Characters() throws IOException {
        String longId = "regional-indicator-with-a-very-long-identifier";
        List<Dataset> datasets = List.of(
                named("a/b:c*?[x]'"),
                named(longId),
                named(longId),
                named("PROVENANCE"),
                named("Victims"),
                named("victims"),
                named(""));

        try (var workbook = read(exports.xlsx(datasets))) {
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            assertThat(names).hasSize(9).last().isEqualTo("provenance");
            assertThat(names)
                    .allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(31).matches("[A-Za-z0-9 _.-]+"));
            Set<String> lower = new HashSet<>();
            names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
            assertThat(lower).hasSize(9);
            assertThat(names.get(0)).isEqualTo("a_b_c___x__");
            assertThat(names.get(1)).isEqualTo(longId.substring(0, 31));
            assertThat(names.get(2)).isEqualTo(longId.substring(0, 29) + "_2");
            assertThat(names.get(3)).isEqualTo("PROVENANCE_2");
            assertThat(names.get(5)).isEqualTo("victims_2");
            assertThat(names.get(6)).isEqualTo("dataset");
        }
    }

    @Test
    void xlsxKeepsFormulaLikeTextAsQuotePrefixedTextNeverAFormula() throws IOException {
        var dataset = new Dataset(
                "injection",
                "Formula-like codes",
                Unit.PERSONS,
                List.of("labourIndustry"),
                null,
                null,
                List.of(Observation.exact("KH", Map.of("labourIndustry", "=1+2"), 7)),
                SampleDatasets.provenance());
        try (var workbook = read(exports.xlsx(List.of(dataset)))) {
            Sheet sheet = workbook.getSheet("injection");
            Cell cell = cell(sheet, sheet.getRow(1), "labourIndustry");
            assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo("=1+2");
            assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
        }
    }

    static Dataset named(String id) {
        return new Dataset(
                id,
                "t",
                Unit.PERSONS,
                List.of("gender"),
                null,
                null,
                List.of(Observation.exact("KH", Map.of("gender", "_T"), 1)),
                SampleDatasets.provenance());
    }
}

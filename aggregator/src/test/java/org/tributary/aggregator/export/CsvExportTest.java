package org.tributary.aggregator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.Unit;
import tools.jackson.databind.json.JsonMapper;

class CsvExportTest {

    final Exports exports = new Exports(JsonMapper.builder().build());

    static List<CSVRecord> parse(byte[] csv, List<String> header) throws IOException {
        var format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (var parser = CSVParser.parse(new StringReader(new String(csv, StandardCharsets.UTF_8)), format)) {
            header.addAll(parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    static CSVRecord row(List<CSVRecord> rows, String dataset, String area, String gender) {
        return rows.stream()
                .filter(r -> r.get("dataset").equals(dataset)
                        && r.get("area").equals(area)
                        && r.get("gender").equals(gender))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void csvHasOneRowPerObservationWithM49Codes() throws IOException {
        List<String> header = new ArrayList<>();
        var rows = parse(exports.csv(List.of(SampleDatasets.victims(), SampleDatasets.shareReturned())), header);

        assertThat(header)
                .containsExactly(
                        "dataset",
                        "area",
                        "area_m49",
                        "gender",
                        "ageBand",
                        "year",
                        "countryOfExploitation",
                        "unit",
                        "value",
                        "standard_error",
                        "lower",
                        "upper",
                        "numerator",
                        "denominator",
                        "status",
                        "note",
                        "release",
                        "node_protection",
                        "protection_note");
        assertThat(rows).hasSize(7 + 2);
        var kh = row(rows, "victims-by-sex-age", "KH", "F");
        assertThat(kh.get("area_m49")).isEqualTo("116");
        assertThat(kh.get("ageBand")).isEqualTo("9-17");
        assertThat(kh.get("year")).isEqualTo("2023");
        assertThat(kh.get("unit")).isEqualTo("persons");
        assertThat(kh.get("value")).isEqualTo("35");
        assertThat(kh.get("status")).isEqualTo("exact");
        assertThat(kh.get("countryOfExploitation")).isEmpty();
        assertThat(row(rows, "victims-by-sex-age", "TH", "M").get("area_m49")).isEqualTo("764");
        assertThat(row(rows, "victims-by-sex-age", "GMS", "M").get("area_m49")).isEmpty();
    }

    @Test
    void csvWritesIntervalsSuppressedCellsAndRatiosInTheirOwnColumns() throws IOException {
        var rows = parse(
                exports.csv(List.of(SampleDatasets.victims(), SampleDatasets.shareReturned())), new ArrayList<>());

        var interval = row(rows, "victims-by-sex-age", "GMS", "F");
        assertThat(interval.get("value")).isEmpty();
        assertThat(interval.get("lower")).isEqualTo("35");
        assertThat(interval.get("upper")).isEqualTo("39");
        assertThat(interval.get("status")).isEqualTo("interval");

        var suppressed = row(rows, "victims-by-sex-age", "TH", "F");
        assertThat(suppressed.get("value")).isEmpty();
        assertThat(suppressed.get("status")).isEqualTo("suppressed");

        var unavailable = row(rows, "victims-by-sex-age", "GMS", "X");
        assertThat(unavailable.get("status")).isEqualTo("unavailable");
        assertThat(unavailable.get("note")).isEqualTo("Fewer than 2 countries contributed");

        var ratio = row(rows, "share-returned", "KH", "");
        assertThat(ratio.get("unit")).isEqualTo("ratio");
        assertThat(ratio.get("countryOfExploitation")).isEqualTo("TH");
        assertThat(ratio.get("value")).isEqualTo("0.25");
        assertThat(ratio.get("numerator")).isEqualTo("5");
        assertThat(ratio.get("denominator")).isEqualTo("20");
        assertThat(ratio.get("ageBand")).isEmpty();
    }

    @Test
    void csvPrefixesFormulaLikeTextWithAnApostropheButLeavesNumbersAlone() throws IOException {
        var dataset = new Dataset(
                "injection",
                "Formula-like codes",
                Unit.PERSONS,
                List.of("labourIndustry"),
                null,
                null,
                List.of(
                        Observation.exact("KH", Map.of("labourIndustry", "=HYPERLINK(\"http://x\",\"y\")"), 7),
                        Observation.unavailable("TH", Map.of("labourIndustry", "+1"), "@SUM(A1:A9) – Ngày")),
                SampleDatasets.provenance());

        var rows = parse(exports.csv(List.of(dataset)), new ArrayList<>());

        assertThat(rows.get(0).get("labourIndustry")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(rows.get(0).get("value")).isEqualTo("7");
        assertThat(rows.get(1).get("labourIndustry")).isEqualTo("+1");
        assertThat(rows.get(1).get("note")).isEqualTo("'@SUM(A1:A9) – Ngày");
    }

    @Test
    void formulaGuardEscapesEveryTriggerCharacterExceptInPlainNumbers() {
        assertThat(FormulaGuard.escape("=1+1")).isEqualTo("'=1+1");
        assertThat(FormulaGuard.escape("+cmd")).isEqualTo("'+cmd");
        assertThat(FormulaGuard.escape("-2+3")).isEqualTo("'-2+3");
        assertThat(FormulaGuard.escape("@A1")).isEqualTo("'@A1");
        assertThat(FormulaGuard.escape("\t=1")).isEqualTo("'\t=1");
        assertThat(FormulaGuard.escape("\r=1")).isEqualTo("'\r=1");
        assertThat(FormulaGuard.escape("-12")).isEqualTo("-12");
        assertThat(FormulaGuard.escape("-0.25")).isEqualTo("-0.25");
        assertThat(FormulaGuard.escape("+66")).isEqualTo("+66");
        assertThat(FormulaGuard.escape("a=b")).isEqualTo("a=b");
        assertThat(FormulaGuard.escape("")).isEmpty();
    }
}

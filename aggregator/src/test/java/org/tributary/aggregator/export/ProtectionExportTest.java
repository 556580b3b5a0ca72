package org.tributary.aggregator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.ObservationStatus;
import org.tributary.aggregator.regional.Unit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every output says how it was protected: per value its status, per dataset each node's k, b, mode and policy. */
class ProtectionExportTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant PREPARED = Instant.parse("2026-03-01T10:00:05Z");
    final Exports exports = new Exports(JSON);

    /** The sample victims with one noisy value besides. */
    static Dataset withNoisy() {
        Dataset d = SampleDatasets.victims();
        List<Observation> observations = new ArrayList<>(d.observations());
        observations.add(Observation.of(
                "KH", SampleDatasets.at("X", "_U", "2023"), 12, ObservationStatus.NOISY, new BigDecimal("3.16")));
        return new Dataset(
                d.id(), d.title(), d.unit(), d.dimensions(), 2023, 2023, observations, SampleDatasets.provenance());
    }

    @Test
    void theProtectionNamesEachNodesModeKAndBAndSaysItInPlainWords() {
        Protection p = Protection.of(withNoisy(), 7L);
        assertThat(p.release()).isEqualTo(7L);
        assertThat(p.nodes())
                .extracting(Protection.NodeProtection::country, Protection.NodeProtection::mode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("KH", "ROUNDING"),
                        org.assertj.core.groups.Tuple.tuple("TH", "SUPPRESSION_ONLY"),
                        org.assertj.core.groups.Tuple.tuple("VN", null));
        assertThat(p.nodes().get(0).threshold()).isEqualTo(5);
        assertThat(p.nodes().get(0).roundingBase()).isEqualTo(5);
        assertThat(p.nodesLine())
                .isEqualTo("KH ROUNDING k=5 b=5 policy 3 (2026-Q1.1); TH SUPPRESSION_ONLY k=10 policy 5 (2026-Q1.1);"
                        + " VN timeout");
        assertThat(p.note())
                .contains("KH: each count randomly rounded to a multiple of 5")
                .contains("counts below 5 suppressed")
                .contains("TH: exact counts; counts below 10 suppressed, and further cells suppressed")
                .contains("Not contributing: VN (timeout)")
                .contains("none is published from fewer than 2 countries")
                .contains("need not add up")
                .contains("Regional release 7.");
        assertThat(p.statuses())
                .containsExactly(
                        Map.entry("exact", 4L),
                        Map.entry("noisy", 1L),
                        Map.entry("interval", 1L),
                        Map.entry("suppressed", 1L),
                        Map.entry("unavailable", 1L));
    }

    @Test
    void everyCsvRowCarriesItsStatusStandardErrorAndItsDatasetsProtection() throws IOException {
        List<CSVRecord> rows;
        try (var parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new InputStreamReader(
                        new ByteArrayInputStream(exports.csv(List.of(withNoisy()), 7L)), StandardCharsets.UTF_8))) {
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize(8).allSatisfy(r -> {
            assertThat(r.get("status")).isNotBlank();
            assertThat(r.get("release")).isEqualTo("7");
            assertThat(r.get("node_protection")).startsWith("KH ROUNDING k=5 b=5");
            assertThat(r.get("protection_note")).contains("randomly rounded to a multiple of 5");
        });
        CSVRecord noisy = rows.stream()
                .filter(r -> r.get("status").equals("noisy"))
                .findFirst()
                .orElseThrow();
        assertThat(noisy.get("standard_error")).isEqualTo("3.16");
        assertThat(rows.stream().filter(r -> r.get("status").equals("exact")).map(r -> r.get("standard_error")))
                .allMatch(String::isEmpty);
    }

    @Test
    void theWorkbookHasAProtectionSheetWithOneRowPerNode() throws IOException {
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(exports.xlsx(List.of(withNoisy()), null, 7L)))) {
            Sheet sheet = workbook.getSheet("protection");
            assertThat(sheet).isNotNull();
            var f = new DataFormatter();
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(f.formatCellValue(c)));
            assertThat(header).containsExactlyElementsOf(XlsxWriter.PROTECTION_HEADER);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            var kh = sheet.getRow(1);
            assertThat(f.formatCellValue(kh.getCell(header.indexOf("country")))).isEqualTo("KH");
            assertThat(f.formatCellValue(kh.getCell(header.indexOf("mode")))).isEqualTo("ROUNDING");
            assertThat(f.formatCellValue(kh.getCell(header.indexOf("k")))).isEqualTo("5");
            assertThat(f.formatCellValue(kh.getCell(header.indexOf("b")))).isEqualTo("5");
            assertThat(f.formatCellValue(kh.getCell(header.indexOf("release")))).isEqualTo("7");
            assertThat(f.formatCellValue(kh.getCell(header.indexOf("values_by_status"))))
                    .isEqualTo("exact 4, noisy 1, interval 1, suppressed 1, unavailable 1");
            assertThat(f.formatCellValue(kh.getCell(header.indexOf("note")))).contains("Regional release 7.");
            // The observations sheet has the standard error of the noisy value.
            Sheet values = workbook.getSheetAt(0);
            List<String> columns = new ArrayList<>();
            values.getRow(0).forEach(c -> columns.add(f.formatCellValue(c)));
            boolean found = false;
            for (int r = 1; r <= values.getLastRowNum(); r++) {
                if ("noisy".equals(f.formatCellValue(values.getRow(r).getCell(columns.indexOf("status"))))) {
                    assertThat(f.formatCellValue(values.getRow(r).getCell(columns.indexOf("standard_error"))))
                            .isEqualTo("3.16");
                    found = true;
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void sdmxCarriesTheNoteAsADataSetAttributeAndTheNodesAsAnAnnotationAndFollowsTheSchemaRules() {
        JsonNode message = JSON.readTree(exports.sdmxJson(List.of(withNoisy()), PREPARED, null, 7L));
        assertThat(SdmxJsonRules.violations(message)).isEmpty();
        JsonNode structure = message.get("data").get("structures").get(0);
        JsonNode dataSet = message.get("data").get("dataSets").get(0);
        JsonNode comment = structure.get("attributes").get("dataSet").get(0);
        assertThat(comment.get("id").asString()).isEqualTo("COMMENT_DSET");
        assertThat(comment.get("relationship").has("dataflow")).isTrue();
        assertThat(comment.get("values")
                        .get(dataSet.get("attributes").get(0).asInt())
                        .get("value")
                        .asString())
                .contains("randomly rounded to a multiple of 5")
                .contains("Regional release 7.");
        JsonNode annotation = structure
                .get("annotations")
                .get(dataSet.get("annotations").get(0).asInt());
        assertThat(annotation.get("id").asString()).isEqualTo("TRIBUTARY_PROTECTION");
        assertThat(annotation.get("title").asString()).startsWith("KH ROUNDING k=5 b=5");
        var noisy = SdmxJsonExportTest.find(
                SdmxJsonExportTest.resolve(message, 0),
                o -> o.dim("SEX").equals("_U") && o.dim("REF_AREA").equals("116"));
        assertThat(noisy.attr("OBS_STATUS")).isEqualTo("E");
        assertThat(noisy.attr("STANDARD_ERROR")).isEqualTo("3.16");
        assertThat(noisy.attr("CONF_STATUS")).isEqualTo("F");
    }

    @Test
    void everySdmxMessageWeWriteFollowsTheSchemaRulesAndABrokenOneIsCaught() {
        var signature = new ExportSignature(
                7, "key-1", "c2ln", "abc", List.of(new ExportSignature.NodeReceipt("kh", "k", 1, "d", "r")));
        for (var datasets : List.of(
                List.of(SampleDatasets.victims()),
                List.of(SampleDatasets.shareReturned()),
                List.of(SampleDatasets.victims(), SampleDatasets.shareReturned(), withNoisy()))) {
            assertThat(SdmxJsonRules.violations(JSON.readTree(exports.sdmxJson(datasets, PREPARED))))
                    .isEmpty();
            assertThat(SdmxJsonRules.violations(JSON.readTree(exports.sdmxJson(datasets, PREPARED, signature, 7L))))
                    .isEmpty();
        }
        // The checker is not a formality: an annotation object inside a data set (as this writer once put it) and a
        // bad id are refused.
        var broken = (tools.jackson.databind.node.ObjectNode)
                JSON.readTree(exports.sdmxJson(List.of(SampleDatasets.victims()), PREPARED));
        var dataSet = (tools.jackson.databind.node.ObjectNode)
                broken.get("data").get("dataSets").get(0);
        dataSet.putArray("annotations").addObject().put("id", "X");
        ((tools.jackson.databind.node.ObjectNode) broken.get("meta")).put("id", "not an id");
        assertThat(SdmxJsonRules.violations(broken))
                .contains(
                        "meta.id: does not match ^[A-Za-z0-9_@$-]+$",
                        "dataSets[0].annotations[0]: not an index of the structure's annotations");
    }

    @Test
    void sdmxCsvHasTheStructureColumnsThenDimensionsValueAndAttributesWithTheSameCodes() throws IOException {
        byte[] csv = exports.sdmxCsv(List.of(withNoisy()), 7L);
        List<CSVRecord> rows;
        List<String> header;
        try (var parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new InputStreamReader(new ByteArrayInputStream(csv), StandardCharsets.UTF_8))) {
            header = parser.getHeaderNames();
            rows = parser.getRecords();
        }
        assertThat(header.subList(0, 9))
                .containsExactly(
                        "STRUCTURE",
                        "STRUCTURE_ID",
                        "ACTION",
                        "INDICATOR",
                        "REF_AREA",
                        "SEX",
                        "AGE",
                        "TIME_PERIOD",
                        "OBS_VALUE");
        assertThat(header).contains("OBS_STATUS", "CONF_STATUS", "STANDARD_ERROR", "COMMENT_DSET");
        assertThat(rows).hasSize(8).allSatisfy(r -> {
            assertThat(r.get("STRUCTURE")).isEqualTo("dataflow");
            assertThat(r.get("STRUCTURE_ID")).isEqualTo("TRIBUTARY:victims-by-sex-age(1.0)");
            assertThat(r.get("ACTION")).isEqualTo("I");
            assertThat(r.get("COMMENT_DSET")).contains("Regional release 7.");
        });
        CSVRecord kh = rows.stream()
                .filter(r -> r.get("REF_AREA").equals("116") && r.get("SEX").equals("F"))
                .findFirst()
                .orElseThrow();
        assertThat(kh.get("AGE")).isEqualTo("Y9T17");
        assertThat(kh.get("TIME_PERIOD")).isEqualTo("2023");
        assertThat(kh.get("OBS_VALUE")).isEqualTo("35");
        assertThat(kh.get("OBS_STATUS")).isEqualTo("A");
        CSVRecord suppressed = rows.stream()
                .filter(r -> r.get("REF_AREA").equals("764") && r.get("SEX").equals("F"))
                .findFirst()
                .orElseThrow();
        assertThat(suppressed.get("OBS_VALUE")).isEmpty();
        assertThat(suppressed.get("OBS_STATUS")).isEqualTo("Q");
        assertThat(suppressed.get("CONF_STATUS")).isEqualTo("C");
        assertThat(ExportFormat.byName("sdmx-csv")).contains(ExportFormat.SDMX_CSV);
        assertThat(ExportFormat.negotiate(null, List.of("application/vnd.sdmx.data+csv;version=2.0.0")))
                .contains(ExportFormat.SDMX_CSV);
    }

    @Test
    void aDatasetWithoutProvenanceStillSaysWhatItCan() {
        var bare = new Dataset(
                "bare",
                "Bare",
                Unit.PERSONS,
                List.of(),
                null,
                null,
                List.of(Observation.exact("KH", Map.of(), 5)),
                null);
        Protection p = Protection.of(bare, null);
        assertThat(p.nodes()).isEmpty();
        assertThat(p.release()).isNull();
        assertThat(p.statuses()).containsExactly(Map.entry("exact", 1L));
        assertThat(p.note()).doesNotContain("Regional release");
    }
}

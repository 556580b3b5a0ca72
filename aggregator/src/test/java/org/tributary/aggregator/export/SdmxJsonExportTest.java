package org.tributary.aggregator.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.Unit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SdmxJsonExportTest {

    static final Instant PREPARED = Instant.parse("2026-03-02T08:00:00Z");

    final JsonMapper mapper = JsonMapper.builder().build();
    final Exports exports = new Exports(mapper);

    /** One observation read back: each dimension's and attribute's value id (or uncoded value), and the value. */
    record Resolved(Map<String, String> dimensions, JsonNode value, Map<String, String> attributes) {

        String dim(String id) {
            return dimensions.get(id);
        }

        String attr(String id) {
            return attributes.get(id);
        }
    }

    JsonNode message(Dataset... datasets) {
        return mapper.readTree(exports.sdmxJson(List.of(datasets), PREPARED));
    }

    /** Resolves every key of data set {@code i} through its structure's dimension and attribute values. */
    static List<Resolved> resolve(JsonNode message, int i) {
        JsonNode dataSet = message.get("data").get("dataSets").get(i);
        JsonNode structure = message.get("data")
                .get("structures")
                .get(dataSet.get("structure").asInt());
        JsonNode dims = structure.get("dimensions").get("observation");
        JsonNode attrs = structure.get("attributes").get("observation");
        List<Resolved> out = new ArrayList<>();
        for (var entry : dataSet.get("observations").properties()) {
            String[] key = entry.getKey().split(":");
            assertThat(key).hasSize(dims.size());
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int d = 0; d < dims.size(); d++) {
                JsonNode dim = dims.get(d);
                assertThat(dim.get("keyPosition").asInt()).isEqualTo(d);
                dimensions.put(
                        dim.get("id").asString(),
                        dim.get("values")
                                .get(Integer.parseInt(key[d]))
                                .get("id")
                                .asString());
            }
            JsonNode array = entry.getValue();
            assertThat(array.size()).isEqualTo(1 + attrs.size());
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int a = 0; a < attrs.size(); a++) {
                JsonNode index = array.get(1 + a);
                if (index.isNull()) {
                    continue;
                }
                JsonNode value = attrs.get(a).get("values").get(index.asInt());
                attributes.put(
                        attrs.get(a).get("id").asString(),
                        value.has("id")
                                ? value.get("id").asString()
                                : value.get("value").asString());
            }
            out.add(new Resolved(dimensions, array.get(0), attributes));
        }
        return out;
    }

    static Resolved find(List<Resolved> observations, Predicate<Resolved> where) {
        var found = observations.stream().filter(where).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    static JsonNode dimension(JsonNode message, int structure, String id) {
        for (JsonNode dim : message.get("data")
                .get("structures")
                .get(structure)
                .get("dimensions")
                .get("observation")) {
            if (dim.get("id").asString().equals(id)) {
                return dim;
            }
        }
        throw new AssertionError("no dimension " + id);
    }

    static String nameOf(JsonNode dimension, String valueId) {
        for (JsonNode value : dimension.get("values")) {
            if (value.get("id").asString().equals(valueId)) {
                return value.get("names").get("en").asString();
            }
        }
        throw new AssertionError("no value " + valueId);
    }

    @Test
    void sdmxMetaNamesTheSchemaTheSenderAndWhenItWasPrepared() {
        JsonNode meta = message(SampleDatasets.victims()).get("meta");
        assertThat(meta.get("schema").asString())
                .isEqualTo("https://raw.githubusercontent.com/sdmx-twg/sdmx-json/v2.0.0/data-message/tools/schemas/"
                        + "2.0.0/sdmx-json-data-schema.json");
        assertThat(meta.get("id").asString()).startsWith("TRIBUTARY-").matches("[A-Za-z0-9_@$-]+");
        assertThat(meta.get("test").asBoolean()).isFalse();
        assertThat(meta.get("prepared").asString()).isEqualTo("2026-03-02T08:00:00Z");
        assertThat(meta.get("contentLanguages").get(0).asString()).isEqualTo("en");
        assertThat(meta.get("sender").get("id").asString()).isEqualTo("TRIBUTARY");
        assertThat(meta.get("sender").get("names").get("en").asString()).isEqualTo("Tributary regional aggregator");
    }

    @Test
    void sdmxHasOneStructureAndOneDataSetPerDatasetWithDimensionsInSdgOrder() {
        JsonNode message = message(SampleDatasets.victims(), SampleDatasets.shareReturned());
        JsonNode structures = message.get("data").get("structures");
        JsonNode dataSets = message.get("data").get("dataSets");
        assertThat(structures.size()).isEqualTo(2);
        assertThat(dataSets.size()).isEqualTo(2);
        assertThat(dataSets.get(1).get("structure").asInt()).isEqualTo(1);
        assertThat(dataSets.get(1).get("action").asString()).isEqualTo("Information");
        assertThat(structures.get(0).get("names").get("en").asString())
                .isEqualTo("Detected victims of trafficking by sex and age");

        List<String> ids = new ArrayList<>();
        structures
                .get(1)
                .get("dimensions")
                .get("observation")
                .forEach(d -> ids.add(d.get("id").asString()));
        assertThat(ids)
                .containsExactly("INDICATOR", "REF_AREA", "SEX", "AGE", "TIME_PERIOD", "COUNTRY_OF_EXPLOITATION");
        assertThat(structures.get(0).get("dimensions").get("series").size()).isZero();
        assertThat(dimension(message, 0, "REF_AREA").get("roles").get(0).asString())
                .isEqualTo("REF_AREA");
        assertThat(dimension(message, 0, "TIME_PERIOD").get("roles").get(0).asString())
                .isEqualTo("TIME_PERIOD");
        assertThat(structures
                        .get(0)
                        .get("measures")
                        .get("observation")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo("OBS_VALUE");
        assertThat(nameOf(dimension(message, 0, "INDICATOR"), "victims-by-sex-age"))
                .isEqualTo("Detected victims of trafficking by sex and age");
    }

    @Test
    void sdmxResolvesAnExactCountryCellToM49SexAgeAndYear() {
        JsonNode message = message(SampleDatasets.victims());
        var kh = find(
                resolve(message, 0),
                o -> o.dim("REF_AREA").equals("116") && o.dim("SEX").equals("F"));
        assertThat(kh.dim("INDICATOR")).isEqualTo("victims-by-sex-age");
        assertThat(kh.dim("AGE")).isEqualTo("Y9T17");
        assertThat(kh.dim("TIME_PERIOD")).isEqualTo("2023");
        assertThat(kh.value().asInt()).isEqualTo(35);
        assertThat(kh.attr("OBS_STATUS")).isEqualTo("A");
        assertThat(kh.attr("CONF_STATUS")).isEqualTo("F");
        assertThat(kh.attr("UNIT_MEASURE")).isEqualTo("NUMBER");
        assertThat(kh.attributes()).doesNotContainKeys("LOWER_BOUND", "UPPER_BOUND", "COMMENT_OBS");
        assertThat(nameOf(dimension(message, 0, "REF_AREA"), "116")).isEqualTo("Cambodia");

        var male = find(
                resolve(message, 0),
                o -> o.dim("REF_AREA").equals("764") && o.dim("SEX").equals("M"));
        assertThat(male.dim("AGE")).isEqualTo("Y_GE48");
        assertThat(male.value().asInt()).isEqualTo(15);
    }

    @Test
    void sdmxGivesTheRegionalIntervalAsEstimatedWithItsBounds() {
        JsonNode message = message(SampleDatasets.victims());
        var gms = find(
                resolve(message, 0),
                o -> o.dim("REF_AREA").equals("GMS") && o.dim("SEX").equals("F"));
        assertThat(gms.value().isNull()).isTrue();
        assertThat(gms.attr("OBS_STATUS")).isEqualTo("E");
        assertThat(gms.attr("CONF_STATUS")).isEqualTo("F");
        assertThat(gms.attr("LOWER_BOUND")).isEqualTo("35");
        assertThat(gms.attr("UPPER_BOUND")).isEqualTo("39");
        assertThat(nameOf(dimension(message, 0, "REF_AREA"), "GMS")).isEqualTo("Greater Mekong Subregion");
    }

    @Test
    void sdmxMarksASuppressedCellConfidentialAndMissing() {
        var th = find(
                resolve(message(SampleDatasets.victims()), 0),
                o -> o.dim("REF_AREA").equals("764") && o.dim("SEX").equals("F"));
        assertThat(th.value().isNull()).isTrue();
        assertThat(th.attr("OBS_STATUS")).isEqualTo("Q");
        assertThat(th.attr("CONF_STATUS")).isEqualTo("C");
    }

    @Test
    void sdmxMarksAnUnavailableCellMissingWithItsNoteAndMapsXToUnknownSex() {
        var cell = find(
                resolve(message(SampleDatasets.victims()), 0), o -> o.dim("SEX").equals("_U"));
        assertThat(cell.dim("REF_AREA")).isEqualTo("GMS");
        assertThat(cell.dim("AGE")).isEqualTo("_U");
        assertThat(cell.value().isNull()).isTrue();
        assertThat(cell.attr("OBS_STATUS")).isEqualTo("O");
        // Not published by the aggregator's own rule: no confidentiality status of a released value.
        assertThat(cell.attr("CONF_STATUS")).isNull();
        assertThat(cell.attr("COMMENT_OBS")).isEqualTo("Fewer than 2 countries contributed");
    }

    @Test
    void sdmxWritesRatiosWithTotalsForAbsentDimensionsAndTheYearRangeAsPeriod() {
        JsonNode message = message(SampleDatasets.shareReturned());
        var observations = resolve(message, 0);
        var kh = find(observations, o -> o.dim("REF_AREA").equals("116"));
        assertThat(kh.dim("SEX")).isEqualTo("_T");
        assertThat(kh.dim("AGE")).isEqualTo("_T");
        assertThat(kh.dim("TIME_PERIOD")).isEqualTo("_T");
        assertThat(kh.dim("COUNTRY_OF_EXPLOITATION")).isEqualTo("764");
        assertThat(kh.value().decimalValue()).isEqualByComparingTo("0.25");
        assertThat(kh.attr("UNIT_MEASURE")).isEqualTo("RATIO");
        assertThat(kh.attr("OBS_STATUS")).isEqualTo("A");
        var region = find(observations, o -> o.dim("REF_AREA").equals("GMS"));
        assertThat(region.dim("COUNTRY_OF_EXPLOITATION")).isEqualTo("_T");
        assertThat(nameOf(dimension(message, 0, "SEX"), "_T")).isEqualTo("Total");
        assertThat(nameOf(dimension(message, 0, "COUNTRY_OF_EXPLOITATION"), "764"))
                .isEqualTo("Thailand");
        // No interval and no note in this dataset: those attributes are left out, as the schema wants values.
        List<String> attributes = new ArrayList<>();
        message.get("data")
                .get("structures")
                .get(0)
                .get("attributes")
                .get("observation")
                .forEach(a -> attributes.add(a.get("id").asString()));
        assertThat(attributes).containsExactly("OBS_STATUS", "CONF_STATUS", "UNIT_MEASURE");
    }

    @Test
    void sdmxTakesAgeFromAgeBandsAndKeepsChildAdultAsItsOwnDimensionWhenBothArePresent() {
        var both = new Dataset(
                "both-ages",
                "Both age dimensions",
                Unit.PERSONS,
                List.of("ageBand", "childAdult", "citizenship"),
                2024,
                2024,
                List.of(Observation.exact(
                        "KH", Map.of("ageBand", "0-8", "childAdult", "child", "citizenship", "VN"), 4)),
                SampleDatasets.provenance());
        var cell = resolve(message(both), 0).get(0);
        assertThat(cell.dim("AGE")).isEqualTo("Y0T8");
        assertThat(cell.dim("CHILD_ADULT")).isEqualTo("child");
        assertThat(cell.dim("CITIZENSHIP")).isEqualTo("704");
        assertThat(cell.dim("TIME_PERIOD")).isEqualTo("2024");
        assertThat(cell.dim("SEX")).isEqualTo("_T");

        var childAdult = new Dataset(
                "child-adult",
                "Children and adults",
                Unit.PERSONS,
                List.of("childAdult"),
                null,
                null,
                List.of(
                        Observation.exact("KH", Map.of("childAdult", "child"), 4),
                        Observation.exact("KH", Map.of("childAdult", "adult"), 9)),
                SampleDatasets.provenance());
        var observations = resolve(message(childAdult), 0);
        assertThat(observations).extracting(o -> o.dim("AGE")).containsExactly("Y0T17", "Y_GE18");
        assertThat(observations).extracting(o -> o.dim("TIME_PERIOD")).containsOnly("_T");
    }

    @Test
    void sdmxCodesFollowTheSdmxCodeListsAndStayValidIds() {
        assertThat(SdmxJsonWriter.ageBand("0-8").id()).isEqualTo("Y0T8");
        assertThat(SdmxJsonWriter.ageBand("9-17").id()).isEqualTo("Y9T17");
        assertThat(SdmxJsonWriter.ageBand("48+").id()).isEqualTo("Y_GE48");
        assertThat(SdmxJsonWriter.ageBand("_T").id()).isEqualTo("_T");
        assertThat(SdmxJsonWriter.sex("M").id()).isEqualTo("M");
        assertThat(SdmxJsonWriter.sex("X").id()).isEqualTo("_U");
        assertThat(SdmxJsonWriter.sex("_T").id()).isEqualTo("_T");
        assertThat(SdmxJsonWriter.year("_T").id()).isEqualTo("_T");
        assertThat(SdmxJsonWriter.period(2023, 2023).id()).isEqualTo("2023");
        assertThat(SdmxJsonWriter.period(2021, null).id()).isEqualTo("_T");
        assertThat(SdmxJsonWriter.country("KH").id()).isEqualTo("116");
        assertThat(SdmxJsonWriter.country("_U").id()).isEqualTo("_U");
        assertThat(SdmxJsonWriter.upperSnake("countryOfExploitation")).isEqualTo("COUNTRY_OF_EXPLOITATION");
        assertThat(SdmxJsonWriter.sdmxId(">90")).isEqualTo("$3E90");
        assertThat(SdmxJsonWriter.sdmxId("<90")).isNotEqualTo(SdmxJsonWriter.sdmxId(">90"));
        assertThat(SdmxJsonWriter.sdmxId("16.2.2")).matches("[A-Za-z0-9_@$-]+");
    }

    @Test
    void sdmxRefusesTwoObservationsThatWouldShareOneKey() {
        var clash = new Dataset(
                "clash",
                "X and _U both become SEX _U",
                Unit.PERSONS,
                List.of("gender"),
                null,
                null,
                List.of(
                        Observation.exact("KH", Map.of("gender", "X"), 1),
                        Observation.exact("KH", Map.of("gender", "_U"), 2)),
                SampleDatasets.provenance());
        assertThatThrownBy(() -> exports.sdmxJson(List.of(clash), PREPARED)).isInstanceOf(IllegalStateException.class);
    }
}

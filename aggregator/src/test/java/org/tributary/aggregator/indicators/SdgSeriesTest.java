package org.tributary.aggregator.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.export.Exports;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.NodeReport;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.ObservationStatus;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.aggregator.regional.Unit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SDG 16.2.2 series: countries only, yearly, by sex and by age, in the SDG data structure's shape. */
class SdgSeriesTest {

    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    static Provenance provenance() {
        return new Provenance(
                "GMS",
                "Greater Mekong Subregion",
                2,
                AT,
                AT,
                2,
                2,
                false,
                List.of(
                        new NodeReport("kh", "KH", "ok", null, 3L, AT, "ROUNDING", 5, "2026-Q1.1", null, 5),
                        new NodeReport("th", "TH", "ok", null, 4L, AT, "ROUNDING", 5, "2026-Q1.1", null, 5)));
    }

    static Observation rounded(String area, String dim, String code, String year, long value) {
        return Observation.of(area, Map.of(dim, code, "year", year), value, ObservationStatus.ROUNDED, null);
    }

    static Dataset bySex() {
        List<Observation> o = new ArrayList<>();
        for (String area : List.of("KH", "TH", "GMS")) {
            o.add(rounded(area, "gender", "F", "2023", 30));
            o.add(rounded(area, "gender", "M", "2023", 20));
            o.add(rounded(area, "gender", "_T", "2023", 50));
            o.add(rounded(area, "gender", "_T", "_T", 50));
        }
        o.add(Observation.suppressed("TH", Map.of("gender", "X", "year", "2023")));
        return new Dataset(
                "identified-victims-by-sex",
                "By sex",
                Unit.PERSONS,
                List.of("gender", "year"),
                2023,
                2023,
                o,
                provenance());
    }

    static Dataset byAge() {
        List<Observation> o = new ArrayList<>();
        for (String area : List.of("KH", "TH", "GMS")) {
            o.add(rounded(area, "ageBand", "9-17", "2023", 15));
            o.add(rounded(area, "ageBand", "18-23", "2023", 35));
            o.add(rounded(area, "ageBand", "_T", "2023", 50));
        }
        return new Dataset(
                "identified-victims-by-age",
                "By age",
                Unit.PERSONS,
                List.of("ageBand", "year"),
                2023,
                2023,
                o,
                provenance());
    }

    @Test
    void theSeriesHoldsCountriesYearsBySexAndByAgeAndEachTotalOnce() {
        Dataset series = SdgController.series(bySex(), byAge());
        assertThat(series.id()).isEqualTo("VC_HTF_DETV");
        assertThat(series.observations()).extracting(Observation::area).containsOnly("KH", "TH");
        assertThat(series.observations())
                .allSatisfy(o -> assertThat(o.coordinates().get("year")).isEqualTo("2023"));
        // Per country: F, M, total and (TH) the suppressed X by sex; two age bands; the total once.
        assertThat(series.observations().stream().filter(o -> o.area().equals("KH")))
                .hasSize(5);
        assertThat(series.observations().stream()
                        .filter(o -> o.area().equals("KH")
                                && o.coordinates().get("gender").equals("_T")
                                && o.coordinates().get("ageBand").equals("_T")))
                .hasSize(1);
        assertThat(series.provenance().nodes())
                .extracting(NodeReport::roundingBase)
                .containsOnly(5);
    }

    @Test
    void inSdmxItIsTheSeriesVcHtfDetvByM49AreaSexAgeAndYear() {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode message =
                json.readTree(new Exports(json).sdmxJson(List.of(SdgController.series(bySex(), byAge())), AT));
        JsonNode dims =
                message.get("data").get("structures").get(0).get("dimensions").get("observation");
        List<String> ids = new ArrayList<>();
        dims.forEach(d -> ids.add(d.get("id").asString()));
        assertThat(ids).containsExactly("SERIES", "REF_AREA", "SEX", "AGE", "TIME_PERIOD");
        assertThat(dims.get(0).get("values").get(0).get("id").asString()).isEqualTo("VC_HTF_DETV");
        List<String> areas = new ArrayList<>();
        dims.get(1).get("values").forEach(v -> areas.add(v.get("id").asString()));
        assertThat(areas).containsExactlyInAnyOrder("116", "764");
        List<String> ages = new ArrayList<>();
        dims.get(3).get("values").forEach(v -> ages.add(v.get("id").asString()));
        assertThat(ages).containsExactlyInAnyOrder("_T", "Y9T17", "Y18T23");
        List<String> years = new ArrayList<>();
        dims.get(4).get("values").forEach(v -> years.add(v.get("id").asString()));
        assertThat(years).containsExactly("2023");
        assertThat(org.tributary.aggregator.export.SdmxJsonRules.violations(message))
                .isEmpty();
    }
}

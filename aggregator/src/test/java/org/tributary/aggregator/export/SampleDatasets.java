package org.tributary.aggregator.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.NodeReport;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.aggregator.regional.Unit;

/** Regional results of two countries, Cambodia (KH) and Thailand (TH), and their region GMS. */
final class SampleDatasets {

    static final Instant ASKED = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant ANSWERED = Instant.parse("2026-03-01T10:00:02Z");
    static final Instant RELEASED = Instant.parse("2026-02-28T00:00:00Z");

    private SampleDatasets() {}

    static Provenance provenance() {
        return new Provenance(
                "GMS",
                "Greater Mekong Subregion",
                2,
                ASKED,
                ANSWERED,
                3,
                2,
                true,
                List.of(
                        new NodeReport("kh", "KH", "ok", null, 3L, RELEASED, "ROUNDING", 5, "2026-Q1.1", null, 5),
                        new NodeReport(
                                "th", "TH", "ok", null, 5L, RELEASED, "SUPPRESSION_ONLY", 10, "2026-Q1.1", null, 3),
                        new NodeReport("vn", "VN", "timeout", "The node did not answer in time", null, null)));
    }

    static Map<String, String> at(String gender, String ageBand, String year) {
        return Map.of("gender", gender, "ageBand", ageBand, "year", year);
    }

    /** Persons by sex, age band and year: exact, suppressed, interval and unavailable cells. */
    static Dataset victims() {
        return new Dataset(
                "victims-by-sex-age",
                "Detected victims of trafficking by sex and age",
                Unit.PERSONS,
                List.of("gender", "ageBand", "year"),
                2023,
                2023,
                List.of(
                        Observation.exact("KH", at("F", "9-17", "2023"), 35),
                        Observation.suppressed("TH", at("F", "9-17", "2023")),
                        Observation.interval("GMS", at("F", "9-17", "2023"), 35, 39),
                        Observation.exact("KH", at("M", "48+", "2023"), 20),
                        Observation.exact("TH", at("M", "48+", "2023"), 15),
                        Observation.exact("GMS", at("M", "48+", "2023"), 35),
                        Observation.unavailable("GMS", at("X", "_U", "2023"), "Fewer than 2 countries contributed")),
                provenance());
    }

    /** A ratio by country of exploitation over a year range, with no sex, age or year dimension. */
    static Dataset shareReturned() {
        return new Dataset(
                "share-returned",
                "Share of victims returned",
                Unit.RATIO,
                List.of("countryOfExploitation"),
                2021,
                2023,
                List.of(
                        Observation.ratio("KH", Map.of("countryOfExploitation", "TH"), new BigDecimal("0.25"), 5, 20),
                        Observation.ratio("GMS", Map.of("countryOfExploitation", "_T"), new BigDecimal("0.4"), 8, 20)),
                provenance());
    }
}

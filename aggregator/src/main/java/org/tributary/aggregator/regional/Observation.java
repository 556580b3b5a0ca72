package org.tributary.aggregator.regional;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One number of a regional result, for one area: a country (ISO 3166 alpha-2) or the region (its configured
 * code). Exact values have {@code value}; intervals have {@code lower} and {@code upper}; suppressed and
 * unavailable ones have neither, and unavailable ones say why in {@code note}.
 *
 * @param coordinates dimension to code, {@code _T} for a total
 * @param numerator for a ratio: the released numerator it was computed from
 * @param denominator for a ratio: the released denominator it was computed from
 */
public record Observation(
        String area,
        Map<String, String> coordinates,
        BigDecimal value,
        Long lower,
        Long upper,
        Long numerator,
        Long denominator,
        ObservationStatus status,
        String note) {

    public Observation {
        // Insertion order is kept: dimensions read in the order the question named them.
        coordinates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(coordinates));
    }

    public static Observation exact(String area, Map<String, String> at, long value) {
        return new Observation(
                area, at, BigDecimal.valueOf(value), null, null, null, null, ObservationStatus.EXACT, null);
    }

    public static Observation interval(String area, Map<String, String> at, long lower, long upper) {
        return new Observation(area, at, null, lower, upper, null, null, ObservationStatus.INTERVAL, null);
    }

    public static Observation suppressed(String area, Map<String, String> at) {
        return new Observation(area, at, null, null, null, null, null, ObservationStatus.SUPPRESSED, null);
    }

    public static Observation unavailable(String area, Map<String, String> at, String why) {
        return new Observation(area, at, null, null, null, null, null, ObservationStatus.UNAVAILABLE, why);
    }

    public static Observation ratio(
            String area, Map<String, String> at, BigDecimal share, long numerator, long denominator) {
        return new Observation(area, at, share, null, null, numerator, denominator, ObservationStatus.EXACT, null);
    }
}

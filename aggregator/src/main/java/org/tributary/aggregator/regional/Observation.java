package org.tributary.aggregator.regional;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One number of a regional result, for one area: a country (ISO 3166 alpha-2) or the region (its configured
 * code). Values have {@code value}; intervals have {@code lower} and {@code upper}; suppressed and unavailable ones
 * have neither, and unavailable ones say why in {@code note}. Every value says how it was protected.
 *
 * @param coordinates dimension to code, {@code _T} for a total
 * @param numerator for a ratio: the released numerator it was computed from
 * @param denominator for a ratio: the released denominator it was computed from
 * @param standardError for a noisy value: the standard deviation of its noise (persons)
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
        String note,
        BigDecimal standardError) {

    public Observation {
        // Insertion order is kept: dimensions read in the order the question named them.
        coordinates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(coordinates));
    }

    public Observation(
            String area,
            Map<String, String> coordinates,
            BigDecimal value,
            Long lower,
            Long upper,
            Long numerator,
            Long denominator,
            ObservationStatus status,
            String note) {
        this(area, coordinates, value, lower, upper, numerator, denominator, status, note, null);
    }

    public static Observation exact(String area, Map<String, String> at, long value) {
        return of(area, at, value, ObservationStatus.EXACT, null);
    }

    /** A count released with this protection (exact, rounded, or noisy with its standard error). */
    public static Observation of(
            String area, Map<String, String> at, long value, ObservationStatus status, BigDecimal standardError) {
        return new Observation(
                area, at, BigDecimal.valueOf(value), null, null, null, null, status, null, standardError);
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
        return ratio(area, at, share, numerator, denominator, ObservationStatus.EXACT, null);
    }

    /** A share from two released counts, as protected as the weaker of them. */
    public static Observation ratio(
            String area,
            Map<String, String> at,
            BigDecimal share,
            long numerator,
            long denominator,
            ObservationStatus status,
            String note) {
        return new Observation(area, at, share, null, null, numerator, denominator, status, note);
    }
}

package org.tributary.aggregator.regional;

/** How far an observation can be trusted, as responses and exports label it. */
public enum ObservationStatus {
    /** A number built from released values only, with nothing suppressed in it. */
    EXACT("exact"),
    /** Some country cells were suppressed: the true figure lies in {@code [lower, upper]}. */
    INTERVAL("interval"),
    /** A country's cell that its node released as suppressed: no number. */
    SUPPRESSED("suppressed"),
    /** Not published: too few countries, a suppressed part of a ratio, or no persons to divide by. */
    UNAVAILABLE("unavailable");

    private final String code;

    ObservationStatus(String code) {
        this.code = code;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return code;
    }
}

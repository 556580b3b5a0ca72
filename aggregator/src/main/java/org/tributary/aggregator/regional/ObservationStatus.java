package org.tributary.aggregator.regional;

/** How an observation was protected, as responses and exports label it. */
public enum ObservationStatus {
    /** Exact: true counts released as such (suppression-only mode, true zeros), or built from exact values only. */
    EXACT("exact"),
    /** Built from values randomly rounded to the node's base: within the stated error of the truth. */
    ROUNDED("rounded"),
    /** Built from differentially private values: the count plus noise of the stated standard error. */
    NOISY("noisy"),
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

    /** The weaker of two statuses of parts summed into one number (exact < rounded < noisy < interval). */
    public ObservationStatus combine(ObservationStatus other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}

package org.tributary.common.disclosure;

/** How a node protects the numbers it releases. */
public enum ReleaseMode {
    /** Consistent unbiased random rounding to base {@code b}, then primary suppression (the default). */
    ROUNDING,
    /** Exact values, primary and secondary suppression: for agencies whose rules forbid perturbation. */
    SUPPRESSION_ONLY
}

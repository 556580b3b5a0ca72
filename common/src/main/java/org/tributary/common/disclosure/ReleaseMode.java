package org.tributary.common.disclosure;

/**
 * How a node protects the numbers it releases. Catalogue releases (fixed tables, computed once per period and
 * served to every reader alike) use {@link #ROUNDING} or {@link #SUPPRESSION_ONLY}; ad-hoc queries are answered
 * only under {@link #DIFFERENTIAL_PRIVACY}, against a privacy budget.
 */
public enum ReleaseMode {
    /** Consistent unbiased random rounding to base {@code b}, then primary suppression (the catalogue default). */
    ROUNDING,
    /**
     * Exact values, primary and secondary suppression over the whole linked set of catalogue tables: for agencies
     * whose rules forbid perturbation.
     */
    SUPPRESSION_ONLY,
    /** Discrete Gaussian noise on every cell of the query's grid, spent from the requester's and the node's budget. */
    DIFFERENTIAL_PRIVACY;

    /** The modes a catalogue release may use. */
    public boolean forCatalogue() {
        return this == ROUNDING || this == SUPPRESSION_ONLY;
    }
}

package org.tributary.common.federation;

import java.math.BigDecimal;

/**
 * How a differentially private table was made, in words a reader can check.
 *
 * @param mechanism {@code discrete-gaussian}
 * @param sigma the noise scale: each cell's noise has standard deviation about σ persons
 * @param rho the table's privacy loss in zCDP
 * @param epsilon the ε of (ε, δ)-DP this loss implies at {@code delta}
 * @param multiResponseBound a person counts in at most this many codes of a multi-response dimension
 * @param note how margins were made and what that means for sums
 */
public record NoiseInfo(
        String mechanism,
        int sigma,
        BigDecimal rho,
        BigDecimal epsilon,
        double delta,
        int multiResponseBound,
        String note) {}

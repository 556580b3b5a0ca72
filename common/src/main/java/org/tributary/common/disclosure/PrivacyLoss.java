package org.tributary.common.disclosure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Privacy loss in zero-concentrated differential privacy (zCDP, Bun and Steinke 2016), kept in whole
 * <em>nano-ρ</em> (10⁻⁹ ρ) so that budgets add up exactly and can never be overspent by rounding.
 *
 * <p>Releasing counts with discrete Gaussian noise of scale σ, where one person changes the counts by a vector of
 * squared length at most Δ², is ρ-zCDP with {@code ρ = Δ² / (2σ²)} (Canonne, Kamath and Steinke 2020, thm. 14).
 * zCDP composes by addition. ρ-zCDP implies (ε, δ)-DP for every δ > 0 with {@code ε = ρ + 2·√(ρ·ln(1/δ))}
 * (Bun and Steinke, prop. 1.3).
 */
public final class PrivacyLoss {

    /** nano-ρ per ρ. */
    public static final long NANO = 1_000_000_000L;

    private PrivacyLoss() {}

    /** The cost of one release with sensitivity {@code Δ² = squaredSensitivity}, rounded up to the next nano-ρ. */
    public static long cost(long squaredSensitivity, int sigma) {
        if (squaredSensitivity < 1 || sigma < 1) {
            throw new IllegalArgumentException("sensitivity and sigma are positive");
        }
        long denominator = 2L * sigma * sigma;
        long numerator = Math.multiplyExact(squaredSensitivity, NANO);
        return (numerator + denominator - 1) / denominator;
    }

    /** ρ as a decimal number of at most 9 places. */
    public static BigDecimal rho(long nanoRho) {
        return BigDecimal.valueOf(nanoRho, 9).stripTrailingZeros();
    }

    /** Whole nano-ρ from ρ, rounded down (a budget never grows by being converted). */
    public static long nanoRho(BigDecimal rho) {
        return rho.movePointRight(9).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** The ε of (ε, δ)-DP implied by ρ-zCDP, rounded up to 4 places. */
    public static BigDecimal epsilon(long nanoRho, double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1)");
        }
        double rho = nanoRho / (double) NANO;
        double epsilon = rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
        return new BigDecimal(epsilon, MathContext.DECIMAL64).setScale(4, RoundingMode.CEILING);
    }
}

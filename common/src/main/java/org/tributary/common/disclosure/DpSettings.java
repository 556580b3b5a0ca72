package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * The differential-privacy settings of a node's policy, for ad-hoc queries.
 *
 * @param sigma the discrete Gaussian's scale σ (persons): every noisy cell is the count plus noise of standard
 *     deviation about σ
 * @param multiResponseBound a person counts in at most this many codes of a multi-response dimension (the first
 *     ones in code-list order); it bounds the person's contribution, so the privacy loss
 * @param requesterBudget nano-ρ one requester (a person, verified by the node) may spend per period
 * @param globalBudget nano-ρ all requesters together may spend per period: colluding accounts cannot exceed it
 * @param maxGridCells queries whose grid (every combination of codes, zeros included) is larger are refused: the
 *     noise of a margin grows with the number of cells it sums
 * @param yearWindow the years a query's grid spans when it asks by year without a range: this many calendar years
 *     up to the current one (a public domain, never the years present in the data)
 */
public record DpSettings(
        int sigma, int multiResponseBound, long requesterBudget, long globalBudget, int maxGridCells, int yearWindow) {

    /**
     * σ = 20, at most 2 codes per person, ρ = 1/64 per analyst and 1/16 for all analysts per period, grids up to
     * 2,000 cells, 15 years. See docs/privacy.md for what they buy and what they protect.
     */
    public static DpSettings defaults() {
        return new DpSettings(20, 2, 15_625_000L, 62_500_000L, 2_000, 15);
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (sigma < 1 || sigma > DiscreteGaussian.MAX_SIGMA) {
            problems.add("dp.sigma must be between 1 and " + DiscreteGaussian.MAX_SIGMA);
        }
        if (multiResponseBound < 1 || multiResponseBound > 5) {
            problems.add("dp.multiResponseBound must be between 1 and 5");
        }
        if (requesterBudget < 0 || globalBudget < 0) {
            problems.add("dp budgets must not be negative");
        }
        if (maxGridCells < 1 || maxGridCells > 100_000) {
            problems.add("dp.maxGridCells must be between 1 and 100000");
        }
        if (yearWindow < 1 || yearWindow > 50) {
            problems.add("dp.yearWindow must be between 1 and 50");
        }
        return problems;
    }
}

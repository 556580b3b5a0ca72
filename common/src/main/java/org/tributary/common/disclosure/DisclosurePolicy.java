package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A node's sharing policy. Changed only by a node operator; every change gets a new version.
 *
 * @param version increases with every change; released tables name the version they were made under
 * @param threshold {@code k}: cells with {@code 0 < n < k} are never released as a number (at least 3)
 * @param roundingBase {@code b}: released values are multiples of it in {@link ReleaseMode#ROUNDING} (at least 3: a
 *     base of 1 or 2 releases exact or nearly exact values that margin subtraction undoes)
 * @param mode how catalogue releases are protected: rounding or suppression only
 * @param minPopulation a query's protected population {@code N} must satisfy
 *     {@code minPopulation <= N <= T - minPopulation}
 * @param allowedDimensions the dimensions queries may group or filter by
 * @param maxDimensions at most this many dimensions per query
 * @param killSwitch when on, the node releases nothing
 * @param suppressZeros when on, true zeros are shown as suppressed too (default: released as 0)
 * @param adHocMode how ad-hoc queries are answered: only {@link ReleaseMode#DIFFERENTIAL_PRIVACY} answers them;
 *     under any other mode they are refused and the catalogue releases are the way in
 * @param periodLength how long a release period lasts (catalogue releases are computed once per period; budgets
 *     are granted per period)
 * @param minShareBase a share of exactly 0 % or 100 % is not released over fewer persons than this: it would
 *     disclose an attribute of every person of the group
 * @param dp the differential-privacy settings for ad-hoc queries
 */
public record DisclosurePolicy(
        long version,
        int threshold,
        int roundingBase,
        ReleaseMode mode,
        int minPopulation,
        Set<String> allowedDimensions,
        int maxDimensions,
        boolean killSwitch,
        boolean suppressZeros,
        ReleaseMode adHocMode,
        PeriodLength periodLength,
        int minShareBase,
        DpSettings dp) {

    public static final int MIN_THRESHOLD = 3;
    public static final int MIN_ROUNDING_BASE = 3;
    /** More dimensions than this make cells so fine that almost all would be small. */
    public static final int MAX_DIMENSIONS = 5;

    public DisclosurePolicy {
        allowedDimensions = allowedDimensions == null ? Set.of() : Set.copyOf(allowedDimensions);
        periodLength = periodLength == null ? PeriodLength.QUARTER : periodLength;
        dp = dp == null ? DpSettings.defaults() : dp;
    }

    /** A policy with the version-2 settings at their defaults (ad-hoc by differential privacy, quarterly). */
    public DisclosurePolicy(
            long version,
            int threshold,
            int roundingBase,
            ReleaseMode mode,
            int minPopulation,
            Set<String> allowedDimensions,
            int maxDimensions,
            boolean killSwitch,
            boolean suppressZeros) {
        this(
                version,
                threshold,
                roundingBase,
                mode,
                minPopulation,
                allowedDimensions,
                maxDimensions,
                killSwitch,
                suppressZeros,
                ReleaseMode.DIFFERENTIAL_PRIVACY,
                PeriodLength.QUARTER,
                minPopulation,
                DpSettings.defaults());
    }

    /** The contract's defaults: k = 5, b = 5, rounding, population floor 20, three dimensions, DP ad hoc. */
    public static DisclosurePolicy defaults(long version, Set<String> allowedDimensions) {
        return new DisclosurePolicy(version, 5, 5, ReleaseMode.ROUNDING, 20, allowedDimensions, 3, false, false);
    }

    /** This policy as version {@code next}. */
    public DisclosurePolicy withVersion(long next) {
        return new DisclosurePolicy(
                next,
                threshold,
                roundingBase,
                mode,
                minPopulation,
                allowedDimensions,
                maxDimensions,
                killSwitch,
                suppressZeros,
                adHocMode,
                periodLength,
                minShareBase,
                dp);
    }

    /** True when ad-hoc queries are answered (under differential privacy). */
    public boolean answersAdHoc() {
        return adHocMode == ReleaseMode.DIFFERENTIAL_PRIVACY;
    }

    /**
     * True when {@code next} would release already published cells under another draw or mode: a change of mode,
     * {@code k}, {@code b}, the zero rule or the period length. Such a change starts a new release period.
     */
    public boolean changesReleasedValues(DisclosurePolicy next) {
        return mode != next.mode
                || threshold != next.threshold
                || roundingBase != next.roundingBase
                || suppressZeros != next.suppressZeros
                || minPopulation != next.minPopulation
                || periodLength != next.periodLength
                || dp.sigma() != next.dp.sigma()
                || dp.multiResponseBound() != next.dp.multiResponseBound()
                || dp.yearWindow() != next.dp.yearWindow();
    }

    /** Every reason this policy is not acceptable; empty when it is. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (threshold < MIN_THRESHOLD) {
            problems.add("threshold k must be at least " + MIN_THRESHOLD);
        }
        if (roundingBase < MIN_ROUNDING_BASE) {
            problems.add("roundingBase b must be at least " + MIN_ROUNDING_BASE
                    + " (a base of 1 or 2 releases exact values that margins undo)");
        }
        if (mode == null || !mode.forCatalogue()) {
            problems.add("mode must be ROUNDING or SUPPRESSION_ONLY (how catalogue releases are protected)");
        }
        if (adHocMode == null) {
            problems.add("adHocMode must be DIFFERENTIAL_PRIVACY, or ROUNDING or SUPPRESSION_ONLY to refuse ad-hoc"
                    + " queries");
        }
        if (minPopulation < threshold) {
            problems.add("minPopulation must be at least the threshold k");
        }
        if (maxDimensions < 1 || maxDimensions > MAX_DIMENSIONS) {
            problems.add("maxDimensions must be between 1 and " + MAX_DIMENSIONS);
        }
        if (allowedDimensions.isEmpty()) {
            problems.add("allowedDimensions must name at least one dimension");
        }
        if (minShareBase < 0) {
            problems.add("minShareBase must not be negative");
        }
        problems.addAll(dp.problems());
        return problems;
    }
}

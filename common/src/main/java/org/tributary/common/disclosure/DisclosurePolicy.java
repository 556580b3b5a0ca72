package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A node's sharing policy. Changed only by a node operator; every change gets a new version.
 *
 * @param version increases with every change; released tables name the version they were made under
 * @param threshold {@code k}: cells with {@code 0 < n < k} are never released as a number (at least 3)
 * @param roundingBase {@code b}: released values are multiples of it in {@link ReleaseMode#ROUNDING} (at least 1)
 * @param mode rounding or suppression only
 * @param minPopulation a query's population {@code N} must satisfy {@code minPopulation <= N <= T - minPopulation}
 * @param allowedDimensions the dimensions queries may group or filter by
 * @param maxDimensions at most this many dimensions per query
 * @param killSwitch when on, the node releases nothing
 * @param suppressZeros when on, true zeros are shown as suppressed too (default: released as 0)
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
        boolean suppressZeros) {

    public static final int MIN_THRESHOLD = 3;
    /** More dimensions than this make cells so fine that almost all would be small. */
    public static final int MAX_DIMENSIONS = 5;

    public DisclosurePolicy {
        allowedDimensions = allowedDimensions == null ? Set.of() : Set.copyOf(allowedDimensions);
    }

    /** The contract's defaults: k = 5, b = 5, rounding, population floor 20, three dimensions. */
    public static DisclosurePolicy defaults(long version, Set<String> allowedDimensions) {
        return new DisclosurePolicy(version, 5, 5, ReleaseMode.ROUNDING, 20, allowedDimensions, 3, false, false);
    }

    /** Every reason this policy is not acceptable; empty when it is. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (threshold < MIN_THRESHOLD) {
            problems.add("threshold k must be at least " + MIN_THRESHOLD);
        }
        if (roundingBase < 1) {
            problems.add("rounding base b must be at least 1");
        }
        if (mode == null) {
            problems.add("mode must be ROUNDING or SUPPRESSION_ONLY");
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
        return problems;
    }
}

package org.tributary.common.disclosure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The release pipeline, in the contract's order:
 *
 * <ol>
 *   <li>policy validation ({@link #admit}, before anything is counted);
 *   <li>query-set-size restriction ({@link PopulationRule});
 *   <li>consistent unbiased random rounding to base {@code b} (mode {@code ROUNDING});
 *   <li>primary suppression of {@code 0 < n < k};
 *   <li>secondary suppression (mode {@code SUPPRESSION_ONLY});
 *   <li>metadata.
 * </ol>
 *
 * Plain Java: the node hands in true counts and cell keys, the engine hands back protected cells. Nothing it
 * returns carries a true count or a cell key, and refusals carry fixed sentences.
 */
public final class DisclosureEngine {

    private final ConsistentRounding rounding;
    private final String nodeId;
    private final Clock clock;

    public DisclosureEngine(byte[] roundingSecret, String nodeId, Clock clock) {
        this.rounding = new ConsistentRounding(roundingSecret);
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** Step 1: the query against the policy (kill switch first), through {@code rules}. */
    public Decision admit(CountQuery query, DisclosurePolicy policy, QueryRule rules) {
        return QueryRule.all(List.of(QueryRule.releasesEnabled(), rules)).check(query, policy);
    }

    /**
     * Steps 2 to 6 for a counted table.
     *
     * @param selected persons matched by the query's filters ({@code N})
     * @param total persons on the node ({@code T})
     * @param cells interior cells and margins, as counted
     * @param multiResponse the query's dimensions where a person may count in several cells
     */
    public Release protect(
            CountQuery query,
            DisclosurePolicy policy,
            long selected,
            long total,
            List<TrueCell> cells,
            List<String> multiResponse) {
        if (policy.killSwitch()) {
            return new Release.Refusal(RefusalReason.RELEASE_DISABLED, "kill switch on");
        }
        Decision population = PopulationRule.check(selected, total, policy);
        if (population instanceof Decision.Refused refused) {
            return new Release.Refusal(refused.reason(), refused.detail());
        }
        List<ReleasedCell> released = policy.mode() == ReleaseMode.ROUNDING
                ? rounded(cells, policy)
                : suppressed(cells, policy, query.dimensions().size()).orElse(null);
        if (released == null) {
            return new Release.Refusal(RefusalReason.TABLE_NOT_PROTECTABLE, "suppression cannot protect this table");
        }
        var metadata = new ReleaseMetadata(
                nodeId,
                policy.version(),
                policy.mode(),
                policy.threshold(),
                policy.roundingBase(),
                clock.instant(),
                query.dimensions(),
                List.copyOf(multiResponse),
                policy.suppressZeros());
        return new Release.Table(released, metadata);
    }

    /** Rounding and primary suppression, cell by cell: each released value depends on its own persons only. */
    private List<ReleasedCell> rounded(List<TrueCell> cells, DisclosurePolicy policy) {
        List<ReleasedCell> out = new ArrayList<>(cells.size());
        for (TrueCell cell : cells) {
            out.add(roundOne(cell, policy));
        }
        return out;
    }

    ReleasedCell roundOne(TrueCell cell, DisclosurePolicy policy) {
        long n = cell.count();
        int k = policy.threshold();
        if (n == 0) {
            return policy.suppressZeros()
                    ? ReleasedCell.suppressed(cell.coordinates())
                    : ReleasedCell.value(cell.coordinates(), 0);
        }
        if (n < k) {
            return ReleasedCell.suppressed(cell.coordinates());
        }
        int b = policy.roundingBase();
        long value = rounding.round(n, cell.cellKey(), b);
        if (value < k) {
            // With b < k rounding down could land in 1..k-1, a value that must never be released.
            value = ((k + b - 1) / b) * (long) b;
        }
        return ReleasedCell.value(cell.coordinates(), value);
    }

    /** Exact values with primary and secondary suppression, or empty when the table cannot be protected. */
    private Optional<List<ReleasedCell>> suppressed(List<TrueCell> cells, DisclosurePolicy policy, int dimensions) {
        int k = policy.threshold();
        Map<List<String>, Long> interior = new HashMap<>();
        Set<List<String>> primary = new HashSet<>();
        for (TrueCell cell : cells) {
            // Zeros shown as suppressed need the same protection as small counts.
            boolean small = cell.count() > 0 && cell.count() < k || cell.count() == 0 && policy.suppressZeros();
            if (!cell.isInterior()) {
                if (small) {
                    // A suppressed margin could be derived from other margins: not protectable in this mode.
                    return Optional.empty();
                }
                continue;
            }
            interior.put(cell.coordinates(), cell.count());
            if (small) {
                primary.add(cell.coordinates());
            }
        }
        Optional<Set<List<String>>> secondary = SecondarySuppression.complete(dimensions, interior, primary, k);
        if (secondary.isEmpty()) {
            return Optional.empty();
        }
        List<ReleasedCell> out = new ArrayList<>(cells.size());
        for (TrueCell cell : cells) {
            boolean hide =
                    primary.contains(cell.coordinates()) || secondary.get().contains(cell.coordinates());
            out.add(
                    hide
                            ? ReleasedCell.suppressed(cell.coordinates())
                            : ReleasedCell.value(cell.coordinates(), cell.count()));
        }
        return Optional.of(out);
    }
}

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

    final ConsistentRounding rounding;
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
     * @param population persons matched by the query's filters ({@code N}) and on the node ({@code T})
     * @param cells interior cells and margins, as counted
     * @param multiResponse the query's dimensions where a person may count in several cells
     */
    public Release protect(
            CountQuery query,
            DisclosurePolicy policy,
            Population population,
            List<TrueCell> cells,
            List<String> multiResponse) {
        if (policy.killSwitch()) {
            return new Release.Refusal(RefusalReason.RELEASE_DISABLED, "kill switch on");
        }
        Decision allowed = populationRule(population, policy);
        if (allowed instanceof Decision.Refused refused) {
            return new Release.Refusal(refused.reason(), refused.detail());
        }
        return protectCounted(query, policy, cells, multiResponse);
    }

    /**
     * The population rule on protected numbers: {@code N} and {@code T} consistently rounded to base {@code b} with
     * their own cell keys (the value a grand total over those persons would be released as), never the true counts.
     */
    public Decision populationRule(Population population, DisclosurePolicy policy) {
        int b = policy.roundingBase();
        long n = rounding.round(population.selected(), population.selectedKeySum() & 0xFFFF_FFFFL, b);
        long t = rounding.round(population.total(), population.totalKeySum() & 0xFFFF_FFFFL, b);
        return PopulationRule.check(n, t, policy);
    }

    /** Steps 3 to 6 for a table whose population was admitted. */
    Release protectCounted(
            CountQuery query, DisclosurePolicy policy, List<TrueCell> cells, List<String> multiResponse) {
        List<ReleasedCell> released = policy.mode() == ReleaseMode.ROUNDING
                ? rounded(cells, policy)
                : suppressed(cells, policy, query.dimensions().size()).orElse(null);
        if (released == null) {
            return new Release.Refusal(RefusalReason.TABLE_NOT_PROTECTABLE, "suppression cannot protect this table");
        }
        return new Release.Table(released, metadata(query, policy, multiResponse, null));
    }

    ReleaseMetadata metadata(
            CountQuery query, DisclosurePolicy policy, List<String> multiResponse, ReleaseMetadata.Noise noise) {
        return new ReleaseMetadata(
                nodeId,
                policy.version(),
                policy.mode(),
                policy.threshold(),
                policy.roundingBase(),
                clock.instant(),
                query.dimensions(),
                List.copyOf(multiResponse),
                policy.suppressZeros(),
                noise);
    }

    /**
     * One table of a linked set, as counted.
     *
     * @param exclusive per multi-response dimension, its codes a person holds only alone
     */
    public record LinkedInput(
            String id,
            CountQuery query,
            Map<String, Set<String>> filters,
            Population population,
            List<TrueCell> cells,
            List<String> multiResponse,
            Map<String, Set<String>> exclusive) {}

    /**
     * A linked set of catalogue tables in {@link ReleaseMode#SUPPRESSION_ONLY}: each table's population rule, then
     * {@link LinkedSuppression} over all admitted tables together.
     *
     * @param earlier cells released exactly by earlier periods' releases of these tables
     * @return each table's release or refusal, by id, in the order given
     */
    public Map<String, Release> protectLinked(
            List<LinkedInput> tables, DisclosurePolicy policy, Map<CellKey, Long> earlier) {
        Map<String, Release> out = new java.util.LinkedHashMap<>();
        List<LinkedSuppression.CountedTable> admitted = new ArrayList<>();
        Map<String, LinkedInput> byId = new HashMap<>();
        for (LinkedInput t : tables) {
            if (policy.killSwitch()) {
                out.put(t.id(), new Release.Refusal(RefusalReason.RELEASE_DISABLED, "kill switch on"));
                continue;
            }
            Decision allowed = populationRule(t.population(), policy);
            if (allowed instanceof Decision.Refused refused) {
                out.put(t.id(), new Release.Refusal(refused.reason(), refused.detail()));
                continue;
            }
            out.put(t.id(), null);
            byId.put(t.id(), t);
            admitted.add(new LinkedSuppression.CountedTable(
                    t.id(),
                    t.query().dimensions(),
                    t.filters(),
                    Set.copyOf(t.multiResponse()),
                    t.cells(),
                    policy.suppressZeros(),
                    t.exclusive()));
        }
        var outcome = LinkedSuppression.protect(admitted, policy.threshold(), earlier);
        for (var e : outcome.released().entrySet()) {
            LinkedInput t = byId.get(e.getKey());
            out.put(e.getKey(), new Release.Table(e.getValue(), metadata(t.query(), policy, t.multiResponse(), null)));
        }
        for (String id : outcome.withheld()) {
            out.put(
                    id,
                    new Release.Refusal(RefusalReason.TABLE_NOT_PROTECTABLE, "not protectable within the linked set"));
        }
        return out;
    }

    /** A differentially private answer, the noisy values it drew, and what it cost. */
    public record NoisyRelease(Release release, Map<String, Long> drawn, long nanoRho) {}

    /**
     * An ad-hoc query under {@link ReleaseMode#DIFFERENTIAL_PRIVACY}: noisy cells and margins for the counted grid
     * ({@link NoisyTables}), then the population rule on the noisy {@code N} (against the rounded {@code T}). The
     * privacy loss is spent whether the rule then refuses or not: the refusal is decided on the noisy answer.
     *
     * @param earlier noisy values drawn earlier in this period, by cell definition
     */
    public NoisyRelease protectNoisy(
            CountQuery query,
            DisclosurePolicy policy,
            NoisyTables.Counted counted,
            Population population,
            Map<String, Long> earlier,
            RandomWords random) {
        DpSettings dp = policy.dp();
        long d2 = counted.squaredSensitivity(dp.multiResponseBound());
        long cost = PrivacyLoss.cost(d2, dp.sigma());
        NoisyTables.Noisy noisy =
                NoisyTables.release(counted, new DiscreteGaussian(dp.sigma()), policy.threshold(), earlier, random);
        boolean restricted = !query.filters().isEmpty() || query.yearFrom() != null || query.yearTo() != null;
        // A query that restricts nobody selects everyone: it has no complement to protect (and its noisy N must not
        // be compared with T as if it had one).
        long total = restricted
                ? rounding.round(population.total(), population.totalKeySum() & 0xFFFF_FFFFL, policy.roundingBase())
                : noisy.noisyPopulation();
        Decision allowed = PopulationRule.check(noisy.noisyPopulation(), total, policy);
        if (allowed instanceof Decision.Refused refused) {
            return new NoisyRelease(new Release.Refusal(refused.reason(), refused.detail()), noisy.drawn(), cost);
        }
        List<String> multi = new ArrayList<>();
        for (int i = 0; i < counted.dimensions().size(); i++) {
            if (counted.multiResponse().get(i)) {
                multi.add(counted.dimensions().get(i));
            }
        }
        var noise = new ReleaseMetadata.Noise(dp.sigma(), d2, cost, dp.multiResponseBound());
        var metadata = new ReleaseMetadata(
                nodeId,
                policy.version(),
                ReleaseMode.DIFFERENTIAL_PRIVACY,
                policy.threshold(),
                policy.roundingBase(),
                clock.instant(),
                query.dimensions(),
                multi,
                false,
                noise);
        return new NoisyRelease(new Release.Table(noisy.cells(), metadata), noisy.drawn(), cost);
    }

    /** A fingerprint of the rounding secret: names it in audit entries without revealing it. */
    public String secretFingerprint() {
        return rounding.fingerprint();
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
                    : ReleasedCell.value(cell.coordinates(), 0, CellStatus.EXACT);
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
        return ReleasedCell.value(cell.coordinates(), value, CellStatus.ROUNDED);
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
                            : ReleasedCell.value(cell.coordinates(), cell.count(), CellStatus.EXACT));
        }
        return Optional.of(out);
    }
}

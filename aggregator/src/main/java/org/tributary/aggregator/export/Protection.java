package org.tributary.aggregator.export;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.NodeReport;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.ObservationStatus;
import org.tributary.aggregator.regional.Provenance;

/**
 * How a dataset was protected, as every download says it beside its numbers: each node's release mode, {@code k},
 * {@code b} and policy version, the regional release it belongs to (if any), how many values have each status, and a
 * note in plain words. Derived from the dataset alone (its provenance and its observations), so that it can never
 * say more than the numbers do; it is not part of a signed release's statement (the statement signs the provenance
 * it is derived from).
 *
 * @param release the regional release number, or null for a live answer
 * @param statuses how many values have each status, in the order of {@link ObservationStatus}
 */
public record Protection(Long release, String note, List<NodeProtection> nodes, Map<String, Long> statuses) {

    public Protection {
        nodes = List.copyOf(nodes);
        statuses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    }

    /**
     * One node's protection of its part.
     *
     * @param mode {@code ROUNDING}, {@code SUPPRESSION_ONLY} or {@code DIFFERENTIAL_PRIVACY}; null when it did not
     *     answer
     * @param threshold the node's {@code k}: no count below it is released
     * @param roundingBase the node's {@code b}: in {@code ROUNDING} mode every count is a multiple of it
     */
    public record NodeProtection(
            String nodeId,
            String country,
            String status,
            String mode,
            Integer threshold,
            Integer roundingBase,
            Long policyVersion,
            String releasePeriod) {}

    public static Protection of(Dataset dataset, Long release) {
        Map<ObservationStatus, Long> counts = new EnumMap<>(ObservationStatus.class);
        for (Observation o : dataset.observations()) {
            if (o.status() != null) {
                counts.merge(o.status(), 1L, Long::sum);
            }
        }
        Map<String, Long> statuses = new LinkedHashMap<>();
        counts.forEach((s, n) -> statuses.put(s.code(), n));
        List<NodeProtection> nodes = new ArrayList<>();
        Provenance p = dataset.provenance();
        if (p != null) {
            for (NodeReport r : p.nodes()) {
                nodes.add(new NodeProtection(
                        r.nodeId(),
                        r.country(),
                        r.status(),
                        r.mode(),
                        r.threshold(),
                        r.roundingBase(),
                        r.policyVersion(),
                        r.releasePeriod()));
            }
        }
        return new Protection(release, note(dataset, nodes, counts, release), nodes, statuses);
    }

    /** Each node's protection in one line: {@code KH ROUNDING k=5 b=5 policy 3 (2026-Q4)}, separated by "; ". */
    String nodesLine() {
        List<String> parts = new ArrayList<>();
        for (NodeProtection n : nodes) {
            StringBuilder s = new StringBuilder(n.country() != null ? n.country() : n.nodeId());
            if (n.mode() == null) {
                s.append(' ').append(n.status());
            } else {
                s.append(' ').append(n.mode());
                if (n.threshold() != null) {
                    s.append(" k=").append(n.threshold());
                }
                if (n.roundingBase() != null && "ROUNDING".equals(n.mode())) {
                    s.append(" b=").append(n.roundingBase());
                }
                if (n.policyVersion() != null) {
                    s.append(" policy ").append(n.policyVersion());
                }
                if (n.releasePeriod() != null) {
                    s.append(" (").append(n.releasePeriod()).append(')');
                }
            }
            parts.add(s.toString());
        }
        return String.join("; ", parts);
    }

    private static String note(
            Dataset dataset, List<NodeProtection> nodes, Map<ObservationStatus, Long> counts, Long release) {
        List<String> sentences = new ArrayList<>();
        // Nodes grouped by how they protect, each group in one sentence.
        Map<String, List<NodeProtection>> byMode = new TreeMap<>();
        List<String> silent = new ArrayList<>();
        for (NodeProtection n : nodes) {
            if (n.mode() == null) {
                silent.add(name(n) + " (" + n.status() + ")");
            } else {
                byMode.computeIfAbsent(n.mode(), m -> new ArrayList<>()).add(n);
            }
        }
        for (var e : byMode.entrySet()) {
            String who = String.join(
                    ", ", e.getValue().stream().map(Protection::name).toList());
            switch (e.getKey()) {
                case "ROUNDING" ->
                    sentences.add(who + ": each count randomly rounded to a multiple of " + values(e.getValue(), true)
                            + " (so within that base minus one of the true count), and counts below "
                            + values(e.getValue(), false) + " suppressed.");
                case "SUPPRESSION_ONLY" ->
                    sentences.add(who + ": exact counts; counts below " + values(e.getValue(), false)
                            + " suppressed, and further cells suppressed so that no suppressed count can be derived"
                            + " from the totals.");
                case "DIFFERENTIAL_PRIVACY" ->
                    sentences.add(who + ": random noise added to every count (differential privacy); each noisy"
                            + " value carries the standard error of its noise.");
                default ->
                    sentences.add(who + ": protected in mode " + e.getKey().toLowerCase(Locale.ROOT) + ".");
            }
        }
        if (!silent.isEmpty()) {
            sentences.add("Not contributing: " + String.join(", ", silent) + ".");
        }
        Provenance p = dataset.provenance();
        if (p != null) {
            sentences.add("Regional figures are sums of what the countries released; where a country suppressed a"
                    + " cell the regional figure is an interval, and none is published from fewer than "
                    + p.minContributingNodes() + " countries.");
        }
        if (counts.containsKey(ObservationStatus.ROUNDED) || counts.containsKey(ObservationStatus.NOISY)) {
            sentences.add("Each value is protected on its own, so values need not add up to their totals.");
        }
        if (dataset.unit() == org.tributary.aggregator.regional.Unit.RATIO) {
            sentences.add("Shares are computed from the released counts, as protected as the weaker of them.");
        }
        if (release != null) {
            sentences.add("Regional release " + release + ".");
        }
        return String.join(" ", sentences);
    }

    private static String name(NodeProtection n) {
        return n.country() != null ? n.country() : n.nodeId();
    }

    /** The nodes' bases (or thresholds): one value, or each node's. */
    private static String values(List<NodeProtection> nodes, boolean base) {
        List<Integer> all = nodes.stream()
                .map(n -> base ? n.roundingBase() : n.threshold())
                .distinct()
                .toList();
        if (all.size() == 1) {
            return all.get(0) == null ? "the node's setting" : all.get(0).toString();
        }
        List<String> each = new ArrayList<>();
        for (NodeProtection n : nodes) {
            Integer v = base ? n.roundingBase() : n.threshold();
            each.add((v == null ? "?" : v.toString()) + " (" + name(n) + ")");
        }
        return String.join(", ", each);
    }
}

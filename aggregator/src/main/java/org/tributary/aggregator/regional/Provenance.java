package org.tributary.aggregator.regional;

import java.time.Instant;
import java.util.List;

/**
 * Where a regional result comes from: which nodes were asked, which answered, under which policies, when.
 *
 * @param partial true when some node asked did not contribute; {@code nodes} says which and why
 */
public record Provenance(
        String regionCode,
        String regionName,
        int minContributingNodes,
        Instant askedAt,
        Instant answeredAt,
        int nodesAsked,
        int nodesAnswered,
        boolean partial,
        List<NodeReport> nodes) {

    public Provenance {
        nodes = List.copyOf(nodes);
    }

    /** {@link #merge(List, java.util.function.UnaryOperator)} with each node's report as it is. */
    public static Provenance merge(List<Provenance> all) {
        return merge(all, r -> r);
    }

    /**
     * One provenance for several results (the series of an indicator, the indicators of a release): asked at the
     * earliest, answered at the latest; each node's report as {@code asReported} gives it, a failure anywhere
     * sticking and, among answers, the one that names the node's policy version kept. A node counts as answering
     * only if it answered every one.
     */
    public static Provenance merge(List<Provenance> all, java.util.function.UnaryOperator<NodeReport> asReported) {
        Provenance first = all.get(0);
        java.util.Map<String, NodeReport> nodes = new java.util.LinkedHashMap<>();
        Instant askedAt = null;
        Instant answeredAt = null;
        for (Provenance p : all) {
            if (p.askedAt() != null && (askedAt == null || p.askedAt().isBefore(askedAt))) {
                askedAt = p.askedAt();
            }
            if (p.answeredAt() != null && (answeredAt == null || p.answeredAt().isAfter(answeredAt))) {
                answeredAt = p.answeredAt();
            }
            for (NodeReport r : p.nodes()) {
                nodes.merge(
                        r.nodeId(),
                        asReported.apply(r),
                        (was, now) -> !was.ok() ? was : !now.ok() ? now : was.policyVersion() != null ? was : now);
            }
        }
        int answered = (int) nodes.values().stream().filter(NodeReport::ok).count();
        return new Provenance(
                first.regionCode(),
                first.regionName(),
                first.minContributingNodes(),
                askedAt,
                answeredAt,
                nodes.size(),
                answered,
                answered < nodes.size(),
                List.copyOf(nodes.values()));
    }
}

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
}

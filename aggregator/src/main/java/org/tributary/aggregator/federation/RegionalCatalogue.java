package org.tributary.aggregator.federation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tributary.common.federation.CatalogueRelease;

/**
 * Every node's catalogue release as the aggregator last fetched it: one reply per configured node (the release, or
 * why there is none), and when.
 */
public record RegionalCatalogue(List<NodeReply> replies, Instant askedAt, Instant answeredAt) {

    public RegionalCatalogue {
        replies = List.copyOf(replies);
    }

    /** A node's release, if it sent one that passed the laws. */
    public Optional<CatalogueRelease> release(String nodeId) {
        return replies.stream()
                .filter(r -> r.nodeId().equals(nodeId) && r.message() instanceof CatalogueRelease)
                .map(r -> (CatalogueRelease) r.message())
                .findFirst();
    }

    /** Each node's release period in this catalogue (absent for nodes without a release). */
    public Map<String, String> periods() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (NodeReply r : replies) {
            if (r.message() instanceof CatalogueRelease release) {
                out.put(r.nodeId(), release.releasePeriod());
            }
        }
        return out;
    }
}

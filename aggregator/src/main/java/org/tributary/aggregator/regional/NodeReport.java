package org.tributary.aggregator.regional;

import java.time.Instant;

/**
 * Provenance of one node: what became of the question put to it, under which policy version, when.
 *
 * @param status {@link NodeStatus#code()}
 * @param reason why the node did not contribute (a fixed sentence, or the node's own refusal reason)
 */
public record NodeReport(
        String nodeId, String country, String status, String reason, Long policyVersion, Instant releasedAt) {

    public boolean ok() {
        return NodeStatus.OK.code().equals(status);
    }
}

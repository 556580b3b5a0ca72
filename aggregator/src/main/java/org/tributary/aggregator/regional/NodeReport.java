package org.tributary.aggregator.regional;

import java.time.Instant;
import org.tributary.common.federation.BudgetStatus;

/**
 * Provenance of one node: what became of the question put to it, under which policy and release period, when, and
 * how it protects what it released.
 *
 * @param status {@link NodeStatus#code()}
 * @param reason why the node did not contribute (a fixed sentence, or the node's own refusal reason)
 * @param mode the node's release mode for this answer ({@code ROUNDING}, {@code SUPPRESSION_ONLY},
 *     {@code DIFFERENTIAL_PRIVACY})
 * @param threshold the node's {@code k}
 * @param releasePeriod the node's release period the answer belongs to
 * @param budget for an ad-hoc query: what the analyst may still spend on this node
 * @param roundingBase the node's {@code b} (a value in {@code ROUNDING} mode is a multiple of it); absent from
 *     releases signed before it was reported
 */
public record NodeReport(
        String nodeId,
        String country,
        String status,
        String reason,
        Long policyVersion,
        Instant releasedAt,
        String mode,
        Integer threshold,
        String releasePeriod,
        BudgetStatus budget,
        Integer roundingBase) {

    public NodeReport(
            String nodeId, String country, String status, String reason, Long policyVersion, Instant releasedAt) {
        this(nodeId, country, status, reason, policyVersion, releasedAt, null, null, null, null, null);
    }

    public boolean ok() {
        return NodeStatus.OK.code().equals(status);
    }
}

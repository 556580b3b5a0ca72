package org.tributary.aggregator.federation;

import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.common.federation.BudgetStatus;
import org.tributary.common.integrity.Receipt;

/**
 * What one node call brought back: the node's message (a released table, a catalogue release, a budget) or why there
 * is none. The fan-out gathers these; the assembler turns them into answers.
 *
 * @param message the parsed, checked message when {@code status} is OK
 * @param budget what the requester may still spend on the node, when the node said so (also with a refusal)
 * @param receipt the node's signed receipt for the answer, checked (signature, digest of the body)
 * @param body the answer as the node sent it (catalogue releases: a regional release keeps it beside the receipt)
 */
public record NodeReply(
        String nodeId,
        String country,
        NodeStatus status,
        String reason,
        Object message,
        BudgetStatus budget,
        Receipt receipt,
        String body) {

    public NodeReply(
            String nodeId, String country, NodeStatus status, String reason, Object message, BudgetStatus budget) {
        this(nodeId, country, status, reason, message, budget, null, null);
    }

    static NodeReply ok(String nodeId, String country, Object message) {
        return new NodeReply(nodeId, country, NodeStatus.OK, null, message, null);
    }

    static NodeReply failed(String nodeId, String country, NodeStatus status, String reason) {
        return new NodeReply(nodeId, country, status, reason, null, null);
    }
}

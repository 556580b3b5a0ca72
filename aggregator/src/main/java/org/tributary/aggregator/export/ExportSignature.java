package org.tributary.aggregator.export;

import java.util.List;

/**
 * What a signed regional release's downloads carry about its signature: the release, the aggregator's key and
 * signature, the SHA-256 of the signed statement (the release's JSON file holds the statement itself) and each
 * node's receipt (base64url of its canonical JSON), so that a table in a report can be traced to what the nodes
 * released.
 */
public record ExportSignature(
        long releaseNumber, String keyId, String signature, String statementDigest, List<NodeReceipt> receipts) {

    public ExportSignature {
        receipts = List.copyOf(receipts);
    }

    public record NodeReceipt(String nodeId, String keyId, long seq, String releasedDigest, String receipt) {}
}

package org.tributary.common.integrity;

import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A node's signed statement of its audit chain's head: {@code seq} entries, the last with hash {@code head}. Two
 * checkpoints of one node are consistent when the later head follows from the earlier by the entries between
 * ({@link AuditChain#consistency}); two different heads signed for the same {@code seq} prove a fork.
 *
 * @param at ISO-8601 instant
 */
public record Checkpoint(int version, String nodeId, long seq, String head, String at, String keyId, String signature) {

    public static final int VERSION = 1;

    public Map<String, Object> signedPart() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "tributary-checkpoint");
        m.put("version", version);
        m.put("nodeId", nodeId);
        m.put("seq", seq);
        m.put("head", head);
        m.put("at", at);
        m.put("keyId", keyId);
        return m;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = signedPart();
        m.put("signature", signature);
        return m;
    }

    public static Checkpoint sign(SigningKey key, String nodeId, long seq, String head, String at) {
        Checkpoint unsigned = new Checkpoint(VERSION, nodeId, seq, head, at, key.keyId(), null);
        return new Checkpoint(VERSION, nodeId, seq, head, at, key.keyId(), key.signCanonical(unsigned.signedPart()));
    }

    public boolean verifies(PublicKey key) {
        return PublicKeys.keyId(key).equals(keyId) && PublicKeys.verifiesCanonical(key, signedPart(), signature);
    }

    public static Checkpoint fromMap(Map<String, ?> m) {
        if (!"tributary-checkpoint".equals(m.get("type"))) {
            throw new IllegalArgumentException("not a checkpoint");
        }
        long version = SignedStatements.number(m, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("checkpoint version " + version + " is not known");
        }
        return new Checkpoint(
                (int) version,
                SignedStatements.string(m, "nodeId", true),
                SignedStatements.number(m, "seq"),
                SignedStatements.hash(m, "head", true),
                SignedStatements.string(m, "at", true),
                SignedStatements.string(m, "keyId", true),
                SignedStatements.string(m, "signature", true));
    }
}

package org.tributary.common.integrity;

import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node signs with every federation answer: which audit entry records the answer ({@code seq},
 * {@code entryHash}), the chain's head when it signed ({@code headSeq}, {@code headHash}), the digest of exactly
 * what it released ({@link ReleaseDigest}), and the policy it released under. The receiver keeps it and can prove
 * later what the node released; the node cannot deny it.
 *
 * @param kind the audit entry's kind ({@code CATALOGUE_RELEASE}, {@code COUNT_QUERY})
 * @param releasedDigest null for a refusal, which releases no cell
 * @param signedAt ISO-8601 instant
 * @param signature Ed25519, base64url, over the canonical JSON of every other field
 */
public record Receipt(
        int version,
        String nodeId,
        String kind,
        long seq,
        String entryHash,
        long headSeq,
        String headHash,
        String releasedDigest,
        long policyVersion,
        String releasePeriod,
        String signedAt,
        String keyId,
        String signature) {

    /** The response header a receipt travels in. */
    public static final String HEADER = "Tributary-Receipt";

    public static final int VERSION = 1;

    public Map<String, Object> signedPart() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "tributary-receipt");
        m.put("version", version);
        m.put("nodeId", nodeId);
        m.put("kind", kind);
        m.put("seq", seq);
        m.put("entryHash", entryHash);
        m.put("headSeq", headSeq);
        m.put("headHash", headHash);
        m.put("releasedDigest", releasedDigest);
        m.put("policyVersion", policyVersion);
        m.put("releasePeriod", releasePeriod);
        m.put("signedAt", signedAt);
        m.put("keyId", keyId);
        return m;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = signedPart();
        m.put("signature", signature);
        return m;
    }

    public Receipt signedBy(SigningKey key) {
        Receipt unsigned = new Receipt(
                version,
                nodeId,
                kind,
                seq,
                entryHash,
                headSeq,
                headHash,
                releasedDigest,
                policyVersion,
                releasePeriod,
                signedAt,
                key.keyId(),
                null);
        return unsigned.withSignature(key.signCanonical(unsigned.signedPart()));
    }

    private Receipt withSignature(String signature) {
        return new Receipt(
                version,
                nodeId,
                kind,
                seq,
                entryHash,
                headSeq,
                headHash,
                releasedDigest,
                policyVersion,
                releasePeriod,
                signedAt,
                keyId,
                signature);
    }

    public boolean verifies(PublicKey key) {
        return PublicKeys.keyId(key).equals(keyId) && PublicKeys.verifiesCanonical(key, signedPart(), signature);
    }

    public String encode() {
        return SignedStatements.encode(toMap());
    }

    /** A receipt from its parsed JSON; an error naming the first field that is wrong. */
    public static Receipt fromMap(Map<String, ?> m) {
        if (!"tributary-receipt".equals(m.get("type"))) {
            throw new IllegalArgumentException("not a receipt");
        }
        long version = SignedStatements.number(m, "version");
        if (version != VERSION) {
            throw new IllegalArgumentException("receipt version " + version + " is not known");
        }
        Receipt r = new Receipt(
                (int) version,
                SignedStatements.string(m, "nodeId", true),
                SignedStatements.string(m, "kind", true),
                SignedStatements.number(m, "seq"),
                SignedStatements.hash(m, "entryHash", true),
                SignedStatements.number(m, "headSeq"),
                SignedStatements.hash(m, "headHash", true),
                SignedStatements.hash(m, "releasedDigest", false),
                SignedStatements.number(m, "policyVersion"),
                SignedStatements.string(m, "releasePeriod", false),
                SignedStatements.string(m, "signedAt", true),
                SignedStatements.string(m, "keyId", true),
                SignedStatements.string(m, "signature", true));
        if (r.headSeq < r.seq) {
            throw new IllegalArgumentException("the receipt's head is before its entry");
        }
        return r;
    }
}

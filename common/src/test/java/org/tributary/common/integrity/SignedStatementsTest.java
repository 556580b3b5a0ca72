package org.tributary.common.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignedStatementsTest {

    private static final SigningKey NODE = SigningKey.demo("test node");
    private static final SigningKey OTHER = SigningKey.demo("another node");

    static Receipt receipt(String digest) {
        return new Receipt(
                        Receipt.VERSION,
                        "node-kh",
                        "COUNT_QUERY",
                        7,
                        Digests.sha256("entry"),
                        9,
                        Digests.sha256("head"),
                        digest,
                        3,
                        "2026-Q4.1",
                        "2026-12-01T10:00:00Z",
                        null,
                        null)
                .signedBy(NODE);
    }

    @Test
    void aReceiptVerifiesUnderItsNodesKeyOnly() {
        Receipt r = receipt(Digests.sha256("cells"));
        assertThat(r.verifies(NODE.publicKeyObject())).isTrue();
        assertThat(r.verifies(OTHER.publicKeyObject())).isFalse();
        assertThat(r.keyId()).isEqualTo(NODE.keyId()).startsWith("ed25519:");
    }

    @Test
    void everyFieldIsCoveredByTheSignature() {
        Receipt r = receipt(Digests.sha256("cells"));
        Map<String, Object> signed = r.toMap();
        for (String field : List.of(
                "nodeId",
                "kind",
                "seq",
                "entryHash",
                "headSeq",
                "headHash",
                "releasedDigest",
                "policyVersion",
                "releasePeriod",
                "signedAt")) {
            Map<String, Object> altered = new LinkedHashMap<>(signed);
            Object was = altered.get(field);
            altered.put(
                    field,
                    was instanceof Number n
                            ? n.longValue() + 1
                            : was instanceof String s && Digests.isSha256(s) ? Digests.sha256(s) : was + "x");
            assertThat(Receipt.fromMap(altered).verifies(NODE.publicKeyObject()))
                    .as(field)
                    .isFalse();
        }
    }

    @Test
    void receiptsTravelAsCanonicalJsonInBase64url() {
        Receipt r = receipt(null);
        String header = r.encode();
        assertThat(header).matches("[A-Za-z0-9_-]+");
        String json = SignedStatements.decode(header);
        assertThat(json).startsWith("{\"entryHash\":").contains("\"releasedDigest\":null");
    }

    @Test
    void malformedReceiptsAreRefusedWithTheirFault() {
        Map<String, Object> m = receipt(null).toMap();
        m.put("seq", -1);
        assertThatThrownBy(() -> Receipt.fromMap(m)).hasMessageContaining("seq");
        Map<String, Object> n = receipt(null).toMap();
        n.put("headHash", "not a hash");
        assertThatThrownBy(() -> Receipt.fromMap(n)).hasMessageContaining("headHash");
        Map<String, Object> o = receipt(null).toMap();
        o.put("headSeq", 3);
        assertThatThrownBy(() -> Receipt.fromMap(o)).hasMessageContaining("head is before");
        assertThatThrownBy(() -> SignedStatements.decode("%%%")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysReadFromPkcs8AsOpensslWritesThem() {
        SigningKey generated = SigningKey.generate();
        SigningKey read = SigningKey.fromPkcs8(generated.toPkcs8Pem());
        assertThat(read.publicKey()).isEqualTo(generated.publicKey());
        assertThat(read.toString()).doesNotContain(generated.toPkcs8Pem().split("\n")[1]);
        // openssl genpkey -algorithm ed25519 (RFC 8410 section 10.3's example key)
        SigningKey rfc8410 = SigningKey.fromPkcs8(
                "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
                        + "-----END PRIVATE KEY-----");
        assertThat(rfc8410.publicKey()).isEqualTo("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=");
        assertThatThrownBy(() -> SigningKey.fromPkcs8("c2VjcmV0")).hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void checkpointsVerify() {
        Checkpoint c = Checkpoint.sign(NODE, "node-kh", 12, Digests.sha256("x"), "2026-12-01T10:00:00Z");
        assertThat(c.verifies(NODE.publicKeyObject())).isTrue();
        Checkpoint forged = new Checkpoint(1, "node-kh", 12, Digests.sha256("y"), c.at(), c.keyId(), c.signature());
        assertThat(forged.verifies(NODE.publicKeyObject())).isFalse();
        assertThat(Checkpoint.fromMap(c.toMap())).isEqualTo(c);
    }

    // --- the chain ---

    record Chain(List<String> contents, List<String> hashes) {
        static Chain of(int n, Random random) {
            List<String> contents = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            String previous = AuditChain.GENESIS;
            for (int i = 1; i <= n; i++) {
                String c = AuditChain.contentDigest(Map.of("seq", i, "value", random.nextInt()));
                contents.add(c);
                previous = AuditChain.link(i, previous, c);
                hashes.add(previous);
            }
            return new Chain(contents, hashes);
        }

        String head(long seq) {
            return seq == 0 ? AuditChain.GENESIS : hashes.get((int) seq - 1);
        }

        List<AuditChain.ProofEntry> proof(long from, long to) {
            List<AuditChain.ProofEntry> p = new ArrayList<>();
            for (long s = from + 1; s <= to; s++) {
                p.add(new AuditChain.ProofEntry(s, contents.get((int) s - 1), null));
            }
            return p;
        }
    }

    /** Law: any two checkpoints of one history are consistent by the entries between them. */
    @Test
    void checkpointsOfOneHistoryAreConsistent() {
        Random random = new Random(6962);
        for (int trial = 0; trial < 200; trial++) {
            Chain chain = Chain.of(1 + random.nextInt(60), random);
            int n = chain.hashes().size();
            long m = random.nextInt(n + 1);
            long k = m + random.nextInt((int) (n - m) + 1);
            assertThat(AuditChain.consistency(m, chain.head(m), k, chain.head(k), chain.proof(m, k)))
                    .isEmpty();
        }
    }

    /** Law: a rewritten entry, a dropped tail or a fork never passes against an earlier checkpoint. */
    @Test
    void tamperingIsNeverConsistent() {
        Random random = new Random(9162);
        for (int trial = 0; trial < 200; trial++) {
            Chain chain = Chain.of(2 + random.nextInt(60), random);
            int n = chain.hashes().size();
            long m = 1 + random.nextInt(n - 1);
            // rewrite one entry at or before m, re-hash everything after it
            int victim = random.nextInt((int) m);
            List<String> contents = new ArrayList<>(chain.contents());
            contents.set(victim, Digests.sha256("rewritten" + trial));
            Chain rewritten = rehash(contents);
            assertThat(AuditChain.consistency(m, chain.head(m), n, rewritten.head(n), rewritten.proof(m, n)))
                    .as("rewrite of entry %d", victim + 1)
                    .isPresent();
            // drop the tail after a checkpoint
            long shorter = random.nextInt((int) m);
            assertThat(AuditChain.consistency(m, chain.head(m), shorter, chain.head(shorter), List.of()))
                    .get()
                    .asString()
                    .contains("dropped");
            // fork: the same length, another head
            assertThat(AuditChain.consistency(m, chain.head(m), m, rewritten.head(m), List.of()))
                    .get()
                    .asString()
                    .contains("forked");
        }
    }

    /** A hash "as given" (the old format) after an entry of the new format is a rewrite passing itself off as old. */
    @Test
    void anOldFormatEntryAfterNewOnesIsRefused() {
        Chain chain = Chain.of(4, new Random(3));
        var proof = new ArrayList<>(chain.proof(1, 4));
        proof.set(1, new AuditChain.ProofEntry(3, null, chain.head(3)));
        assertThat(AuditChain.extend(1, chain.head(1), proof, true).problem()).contains("old format after");
        assertThat(AuditChain.extend(1, chain.head(1), proof, false).problem()).contains("old format after");
        var legacyFirst = List.of(new AuditChain.ProofEntry(2, null, chain.head(2)));
        assertThat(AuditChain.extend(1, chain.head(1), legacyFirst, true).consistent())
                .as("old entries before any new one are taken as the node states them")
                .isTrue();
        assertThat(AuditChain.extend(1, chain.head(1), legacyFirst, false).consistent())
                .isFalse();
    }

    @Test
    void aLoneSurrogateHasNoCanonicalForm() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanonicalJson.text("a\ud800b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CanonicalJson.text("\ud83d\ude00")).isEqualTo("\"\ud83d\ude00\"");
    }

    private static Chain rehash(List<String> contents) {
        List<String> hashes = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int i = 0; i < contents.size(); i++) {
            previous = AuditChain.link(i + 1, previous, contents.get(i));
            hashes.add(previous);
        }
        return new Chain(contents, hashes);
    }
}

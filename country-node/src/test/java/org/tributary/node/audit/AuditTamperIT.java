package org.tributary.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.integrity.AuditChain;
import org.tributary.common.integrity.Checkpoint;
import org.tributary.common.integrity.PublicKeys;
import org.tributary.common.integrity.Receipt;
import org.tributary.common.integrity.ReleaseDigest;
import org.tributary.common.integrity.SignedStatements;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;
import org.tributary.node.support.Tokens;
import org.tributary.support.db.EmbeddedDatabase;
import org.tributary.support.db.EmbeddedDatabases;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tamper tests on a real PostgreSQL, one per attack on the audit chain, each naming what detected it. The owner's
 * attacks run in a transaction that is rolled back, and are judged by the node's own verification run on that
 * transaction and by an outsider who holds a checkpoint signed before (what the aggregator keeps).
 */
@NodeIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditTamperIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Environment environment;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NodeSigner signer;

    Http aggregator;
    Http staff;

    @BeforeEach
    void entries() {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        aggregator = new Http(port, Tokens::aggregator);
        staff = new Http(port);
        assertThat(aggregator.get(FederationContract.CATALOGUE_RELEASE).status())
                .isEqualTo(200);
        for (String dims : List.of("gender", "ageBand", "exploitationType", "gender\",\"ageBand")) {
            aggregator.postJson(
                    FederationContract.COUNT_QUERIES,
                    "{\"dimensions\":[\"" + dims + "\"]}",
                    Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.analyst("tamper-analyst")));
        }
    }

    static Receipt receipt(Http.Response response) {
        String header = response.header(Receipt.HEADER);
        assertThat(header).as("the answer carries a receipt").isNotNull();
        return Receipt.fromMap(map(SignedStatements.decode(header)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String json) {
        return JSON.readValue(json, Map.class);
    }

    Checkpoint checkpoint() {
        var response = aggregator.get(FederationContract.CHECKPOINT);
        assertThat(response.status()).isEqualTo(200);
        return Checkpoint.fromMap(map(response.body()));
    }

    @Test
    void everyFederationAnswerCarriesAReceiptThatHoldsTheNodeToWhatItReleased() {
        var capabilities = aggregator.get(FederationContract.CAPABILITIES).json();
        var key = PublicKeys.parse(capabilities.get("publicKey").asText());
        assertThat(PublicKeys.keyId(key)).isEqualTo(signer.key().keyId());

        var table = aggregator.postJson(
                FederationContract.COUNT_QUERIES,
                "{\"dimensions\":[\"gender\"],\"yearFrom\":2015}",
                Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.analyst("receipt-analyst")));
        var catalogue = aggregator.get(FederationContract.CATALOGUE_RELEASE);
        var refusal = aggregator.postJson(
                FederationContract.COUNT_QUERIES,
                "{\"dimensions\":[\"nosuchdimension\"]}",
                Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.analyst("receipt-analyst")));
        for (var response : List.of(table, catalogue, refusal)) {
            Receipt r = receipt(response);
            assertThat(r.verifies(key)).as("signed by the node's published key").isTrue();
            assertThat(r.nodeId()).isEqualTo(capabilities.get("nodeId").asText());
            var entry = jdbc.sql("select hash, released_digest, kind from release_audit where seq = ?")
                    .param(r.seq())
                    .query((rs, n) -> List.of(rs.getString(1), String.valueOf(rs.getString(2)), rs.getString(3)))
                    .single();
            assertThat(entry.get(0)).as("the receipt names its audit entry").isEqualTo(r.entryHash());
            assertThat(entry.get(2)).isEqualTo(r.kind());
            if (response.status() == 200) {
                assertThat(r.releasedDigest())
                        .as("the digest of exactly what was released, as the receiver computes it")
                        .isEqualTo(ReleaseDigest.of(map(response.body())))
                        .isEqualTo(entry.get(1));
            } else {
                assertThat(r.releasedDigest()).as("a refusal releases nothing").isNull();
            }
        }
        System.out.printf(
                "receipts: count query seq %d, catalogue release seq %d (head %d), refusal seq %d%n",
                receipt(table).seq(),
                receipt(catalogue).seq(),
                receipt(catalogue).headSeq(),
                receipt(refusal).seq());
    }

    @Test
    void checkpointsAreSignedKeptAndConsistentWithTheProof() {
        Checkpoint first = checkpoint();
        aggregator.postJson(
                FederationContract.COUNT_QUERIES,
                "{\"dimensions\":[\"gender\"],\"yearFrom\":2016}",
                Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.analyst("checkpoint-analyst")));
        Checkpoint later = checkpoint();
        assertThat(first.verifies(signer.publicKeyObject())).isTrue();
        assertThat(later.seq()).isGreaterThan(first.seq());
        var proof = proof(first.seq(), later.seq());
        assertThat(AuditChain.consistency(first.seq(), first.head(), later.seq(), later.head(), proof))
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_checkpoint where seq in (?, ?)")
                        .params(first.seq(), later.seq())
                        .query(Long.class)
                        .single())
                .as("both kept")
                .isEqualTo(2);
        var bad = aggregator.get(FederationContract.AUDIT_PROOF + "?from=5&to=2");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).contains("application/problem+json");
        assertThat(staff.as(Tokens.user("KH", "case-worker"))
                        .get(FederationContract.CHECKPOINT)
                        .status())
                .as("the aggregator's service account only")
                .isEqualTo(403);
    }

    List<AuditChain.ProofEntry> proof(long from, long to) {
        var body = aggregator
                .get(FederationContract.AUDIT_PROOF + "?from=" + from + "&to=" + to)
                .json();
        assertThat(body.get("complete").asBoolean()).isTrue();
        List<AuditChain.ProofEntry> out = new ArrayList<>();
        for (var e : body.get("entries")) {
            out.add(new AuditChain.ProofEntry(
                    e.get("seq").asLong(),
                    e.has("contentDigest") ? e.get("contentDigest").asText() : null,
                    e.has("legacyHash") ? e.get("legacyHash").asText() : null));
        }
        return out;
    }

    /** The owner's attack in a transaction rolled back afterwards; the verification runs inside it. */
    <T> T asOwner(java.util.function.Function<JdbcClient, T> attack) {
        DataSource owner = ownerDataSource();
        var tx = new TransactionTemplate(new DataSourceTransactionManager(owner));
        return tx.execute(status -> {
            status.setRollbackOnly();
            return attack.apply(JdbcClient.create(owner));
        });
    }

    DataSource ownerDataSource() {
        var embedded = context.getBeanProvider(EmbeddedDatabase.class).getIfAvailable();
        if (embedded != null) {
            return EmbeddedDatabases.ownerDataSource(embedded);
        }
        return new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("spring.flyway.user"),
                environment.getRequiredProperty("spring.flyway.password"),
                true);
    }

    AuditLog log(JdbcClient owner) {
        return new AuditLog(owner, Clock.systemUTC(), signer);
    }

    /** Rewrites entry {@code seq}'s query and re-hashes it and every entry after it, as a careful insider would. */
    static void rewriteAndRehash(JdbcClient owner, long seq) {
        owner.sql("alter table release_audit disable trigger release_audit_no_update")
                .update();
        owner.sql("update release_audit set canonical_query = 'dimensions=[mallory]' where seq = ?")
                .param(seq)
                .update();
        var rows = owner.sql("select * from release_audit where seq >= ? order by seq")
                .param(seq)
                .query((rs, n) -> AuditLog.entry(rs))
                .list();
        String previous = owner.sql("select hash from release_audit where seq = ?")
                .param(seq - 1)
                .query(String.class)
                .optional()
                .orElse(AuditChain.GENESIS);
        for (AuditLog.Entry r : rows) {
            String content = AuditChain.contentDigest(r.content());
            String hash = AuditChain.link(r.seq(), previous, content);
            owner.sql("update release_audit set content_digest = ?, previous_hash = ?, hash = ?, format = 2"
                            + " where seq = ?")
                    .params(content, previous, hash, r.seq())
                    .update();
            previous = hash;
        }
    }

    @Test
    void anEntryRewrittenAndReHashedIsDetectedByTheSignedCheckpointAndByTheEarlierCheckpointsHolder() {
        Checkpoint signed = checkpoint();
        long victim = signed.seq() - 2;
        var outcome = asOwner(owner -> {
            rewriteAndRehash(owner, victim);
            var newHead = log(owner).head();
            return List.of(
                    log(owner).verify(),
                    AuditChain.consistency(signed.seq(), signed.head(), newHead.seq(), newHead.hash(), List.of()),
                    AuditChain.consistency(
                            victim - 1,
                            owner.sql("select hash from release_audit where seq = ?")
                                    .param(victim - 1)
                                    .query(String.class)
                                    .single(),
                            newHead.seq(),
                            newHead.hash(),
                            log(owner).proof(victim - 1, newHead.seq(), 100_000)));
        });
        var verification = (AuditLog.Verification) outcome.get(0);
        assertThat(verification.intact()).isFalse();
        assertThat(verification.problem()).contains("differs from the head signed in checkpoint " + signed.seq());
        @SuppressWarnings("unchecked")
        var againstCheckpoint = (java.util.Optional<String>) outcome.get(1);
        assertThat(againstCheckpoint).get().asString().contains("forked");
        System.out.printf(
                "rewrite and re-hash entry %d: detected by the node's signed checkpoint %d (\"%s\") and by"
                        + " the holder of that checkpoint (\"%s\")%n",
                victim, signed.seq(), verification.problem(), againstCheckpoint.get());
        assertThat(log(JdbcClient.create(ownerDataSource())).verify().intact())
                .as("rolled back")
                .isTrue();
    }

    @Test
    void aDroppedTailIsDetectedByTheSignedCheckpointAndStillWhenTheCheckpointsAreDroppedToo() {
        Checkpoint signed = checkpoint();
        var outcome = asOwner(owner -> {
            owner.sql("alter table release_audit disable trigger release_audit_no_update")
                    .update();
            owner.sql("delete from dp_spend where audit_seq > ?")
                    .param(signed.seq() - 2)
                    .update();
            owner.sql("delete from release_audit where seq > ?")
                    .param(signed.seq() - 2)
                    .update();
            var withCheckpoints = log(owner).verify();
            owner.sql("alter table audit_checkpoint disable trigger audit_checkpoint_no_update")
                    .update();
            owner.sql("delete from audit_checkpoint where seq > ?")
                    .param(signed.seq() - 2)
                    .update();
            var withoutCheckpoints = log(owner).verify();
            var head = log(owner).head();
            return List.of(
                    withCheckpoints,
                    withoutCheckpoints,
                    AuditChain.consistency(signed.seq(), signed.head(), head.seq(), head.hash(), List.of()));
        });
        var withCheckpoints = (AuditLog.Verification) outcome.get(0);
        assertThat(withCheckpoints.intact()).isFalse();
        assertThat(withCheckpoints.problem()).contains("the tail was dropped");
        var withoutCheckpoints = (AuditLog.Verification) outcome.get(1);
        assertThat(withoutCheckpoints.intact())
                .as("the node alone cannot tell once its checkpoints are gone too: that is why others keep them")
                .isTrue();
        @SuppressWarnings("unchecked")
        var outsider = (java.util.Optional<String>) outcome.get(2);
        assertThat(outsider).get().asString().contains("dropped");
        System.out.printf(
                "dropped tail: detected by the node's signed checkpoint (\"%s\"); with its checkpoints"
                        + " dropped too, by the holder of checkpoint %d (\"%s\")%n",
                withCheckpoints.problem(), signed.seq(), outsider.get());
    }

    @Test
    void truncatingOrSwitchingTheGuardOffIsRefusedToTheApplicationAndTruncateToTheOwner() {
        for (String attack : List.of(
                "truncate release_audit",
                "truncate audit_checkpoint",
                "update audit_checkpoint set head = head",
                "delete from audit_checkpoint",
                "alter table release_audit disable trigger release_audit_no_truncate",
                "alter table audit_checkpoint disable trigger audit_checkpoint_no_update")) {
            assertThatThrownBy(() -> jdbc.sql(attack).update())
                    .as("as the application's role: " + attack)
                    .satisfies(e -> assertThat(rootMessage(e)).matches("(?s).*(permission denied|must be owner).*"));
        }
        for (String table : List.of("release_audit", "audit_checkpoint")) {
            assertThatThrownBy(() ->
                            asOwner(owner -> owner.sql("truncate " + table).update()))
                    .as("as the owner: truncate " + table)
                    .hasMessageContaining(table + " is append-only");
        }
        System.out.println("truncate: refused to the application's role (no privilege) and to the owner (trigger);"
                + " trigger control: refused to the application's role (not the owner)");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Test
    void twoHeadsSignedForOneSequenceNumberProveAFork() {
        Checkpoint honest = checkpoint();
        // The node's own operator, key in hand, rewrites the last entry and signs the new head at the same length.
        Checkpoint forked = asOwner(owner -> {
            rewriteAndRehash(owner, honest.seq());
            var head = log(owner).head();
            return Checkpoint.sign(signer.key(), signer.nodeId(), head.seq(), head.hash(), honest.at());
        });
        assertThat(forked.seq()).isEqualTo(honest.seq());
        assertThat(forked.verifies(signer.publicKeyObject()) && honest.verifies(signer.publicKeyObject()))
                .as("both are the node's signatures")
                .isTrue();
        var verdict = AuditChain.consistency(honest.seq(), honest.head(), forked.seq(), forked.head(), List.of());
        assertThat(verdict).get().asString().contains("forked");
        System.out.printf(
                "fork at entry %d: two valid signatures over different heads, detected by comparing them"
                        + " (\"%s\")%n",
                honest.seq(), verdict.get());
    }

    @Test
    void aCheckpointForgedWithoutTheKeyAndASpendThatDisagreesWithItsEntryAreReported() {
        Checkpoint signed = checkpoint();
        var forged = asOwner(owner -> {
            owner.sql("insert into audit_checkpoint (seq, head, at, key_id, signature) values (?, ?, ?, ?, ?)")
                    .params(signed.seq() + 1000, signed.head(), signed.at(), signed.keyId(), signed.signature())
                    .update();
            return log(owner).verify();
        });
        assertThat(forged.problem())
                .isEqualTo("checkpoint " + (signed.seq() + 1000) + " is not signed by the node's key");
        var spend = asOwner(owner -> {
            owner.sql("alter table dp_spend disable trigger user").update();
            owner.sql("update dp_spend set cost = cost + 1 where id = (select max(id) from dp_spend)")
                    .update();
            return log(owner).verify();
        });
        assertThat(spend.problem()).isEqualTo("a budget spend does not match the audit entry that recorded it");
        System.out.printf(
                "forged checkpoint: \"%s\"; altered budget spend: \"%s\"%n", forged.problem(), spend.problem());
    }

    @Test
    void withoutItsKeyTheNodeDoesNotStartAndTheKeyNeverReachesTheLog(CapturedOutput output) {
        assertThatThrownBy(() -> NodeSigner.load(new AuditProperties(null, null, false, null), "node-kh"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TRIBUTARY_NODE_SIGNING_KEY_FILE");
        String pem = environment.getRequiredProperty("tributary.audit.signing-key");
        assertThatThrownBy(() -> NodeSigner.load(new AuditProperties(pem.substring(3), null, false, null), "node-kh"))
                .hasMessageNotContaining(pem.substring(3, 20));
        var loaded = NodeSigner.load(new AuditProperties(pem, null, false, null), "node-kh");
        assertThat(loaded.toString()).doesNotContain(pem);
        assertThat(output.getAll()).doesNotContain(pem).doesNotContain(pem.substring(10, 40));
        assertThat(new AuditProperties(pem, null, false, null).toString()).doesNotContain(pem.substring(10, 40));
    }
}

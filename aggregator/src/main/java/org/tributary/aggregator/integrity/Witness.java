package org.tributary.aggregator.integrity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.aggregator.federation.NodeCall;
import org.tributary.aggregator.federation.NodeReplies;
import org.tributary.aggregator.federation.NodeReply;
import org.tributary.aggregator.federation.RegionalQueries;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.common.integrity.AuditChain;
import org.tributary.common.integrity.CanonicalJson;
import org.tributary.common.integrity.Checkpoint;
import org.tributary.common.integrity.Receipt;

/**
 * The aggregator as the nodes' witness. It keeps every receipt and checkpoint a node signs, and a mirror of each
 * node's audit chain built from the node's consistency proofs; on every new statement it checks that the node's
 * history still holds everything it signed before. Two heads signed for one entry (a fork), a chain shorter than an
 * earlier checkpoint (a dropped tail) and entries that do not lead to a signed head (a rewrite) raise an alarm, kept
 * with the node's own signed statements as evidence and shown to the security officer.
 */
@Service
public class Witness implements NodeReplies.ReceiptSink {

    private static final Logger log = LoggerFactory.getLogger(Witness.class);
    /** Proof pages fetched per node and check: a long chain is mirrored over several checks. */
    static final int MAX_PAGES = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final NodeRegistry registry;
    private final RegionalQueries queries;
    private final Clock clock;
    private final Map<String, Check> lastChecks = new ConcurrentHashMap<>();

    Witness(JdbcClient jdbc, TransactionTemplate tx, NodeRegistry registry, RegionalQueries queries, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.registry = registry;
        this.queries = queries;
        this.clock = clock;
    }

    /** How the last check of a node went: {@code consistent}, {@code alarm} or {@code unavailable}. */
    public record Check(Instant at, String outcome, Long checkpointSeq, String reason) {}

    /** An alarm, with the signed statements that prove it. */
    public record Alarm(long id, Instant at, String nodeId, String kind, String detail, String evidence) {}

    @Override
    public void received(String nodeId, Receipt receipt) {
        try {
            record(
                    nodeId,
                    "receipt",
                    receipt.seq(),
                    receipt.entryHash(),
                    receipt.headSeq(),
                    receipt.headHash(),
                    CanonicalJson.text(receipt.toMap()));
        } catch (RuntimeException e) {
            // The answer stands; the receipt was checked. Only the witness's copy is missing.
            log.warn(
                    "A receipt of node {} was not kept ({})",
                    nodeId,
                    e.getClass().getSimpleName());
        }
    }

    /** Keeps a statement and checks it against every statement and mirrored entry of the node. */
    void record(String nodeId, String kind, long seq, String entryHash, long headSeq, String headHash, String text) {
        jdbc.sql("insert into node_statement (node_id, kind, seq, entry_hash, head_seq, head_hash, statement,"
                        + " received_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(nodeId, kind, seq, entryHash, headSeq, headHash, text, Timestamp.from(clock.instant()))
                .update();
        Optional<String> other = jdbc.sql("""
                select statement from node_statement where node_id = ? and (
                    (head_seq = ? and head_hash <> ?) or (seq = ? and entry_hash <> ?)
                    or (head_seq = ? and head_hash <> ?) or (seq = ? and entry_hash <> ?))
                order by id limit 1""")
                .params(nodeId, headSeq, headHash, seq, entryHash, seq, entryHash, headSeq, headHash)
                .query(String.class)
                .optional();
        if (other.isPresent()) {
            alarm(
                    nodeId,
                    "FORK",
                    "two different hashes signed for one entry of the audit chain: its history forked",
                    List.of(text, other.get()));
            return;
        }
        for (long at : seq == headSeq ? List.of(seq) : List.of(seq, headSeq)) {
            String signed = at == seq ? entryHash : headHash;
            Optional<String> mirrored = mirrored(nodeId, at);
            if (mirrored.isPresent() && !mirrored.get().equals(signed)) {
                alarm(
                        nodeId,
                        "FORK",
                        "the node signed a hash for entry " + at + " that its witnessed chain does"
                                + " not have: its history forked or was rewritten",
                        List.of(text, "mirror:" + at + ":" + mirrored.get()));
                return;
            }
        }
    }

    private Optional<String> mirrored(String nodeId, long seq) {
        if (seq == 0) {
            return Optional.of(AuditChain.GENESIS);
        }
        return jdbc.sql("select entry_hash from node_chain where node_id = ? and seq = ?")
                .params(nodeId, seq)
                .query(String.class)
                .optional();
    }

    /** The mirrored head: the last entry witnessed (0 and the genesis before any). */
    public AuditHead mirroredHead(String nodeId) {
        return jdbc.sql("select seq, entry_hash from node_chain where node_id = ? order by seq desc limit 1")
                .param(nodeId)
                .query((rs, n) -> new AuditHead(rs.getLong(1), rs.getString(2)))
                .optional()
                .orElse(new AuditHead(0, AuditChain.GENESIS));
    }

    public record AuditHead(long seq, String hash) {}

    /** Checks every node now (the witness route does this periodically; a release does it before it signs). */
    public void checkAll() {
        for (String nodeId : registry.nodeIds()) {
            check(nodeId);
        }
    }

    /** Asks the node for a checkpoint and the entries since the mirrored head, and checks them. */
    public synchronized Check check(String nodeId) {
        Check outcome;
        try {
            outcome = checkNow(nodeId);
        } catch (RuntimeException e) {
            log.warn(
                    "The audit chain of node {} could not be checked ({})",
                    nodeId,
                    e.getClass().getSimpleName());
            outcome = new Check(clock.instant(), "unavailable", null, "the check failed");
        }
        lastChecks.put(nodeId, outcome);
        return outcome;
    }

    private Check checkNow(String nodeId) {
        Instant now = clock.instant();
        NodeReply reply = queries.ask(nodeId, NodeCall.CHECKPOINT, null, now);
        if (reply.status() != NodeStatus.OK || !(reply.message() instanceof Checkpoint c)) {
            return new Check(now, "unavailable", null, reply.reason());
        }
        record(nodeId, "checkpoint", c.seq(), c.head(), c.seq(), c.head(), CanonicalJson.text(c.toMap()));
        AuditHead head = mirroredHead(nodeId);
        String text = CanonicalJson.text(c.toMap());
        if (c.seq() < head.seq()) {
            alarm(
                    nodeId,
                    "CHAIN_SHORTENED",
                    "the node's chain is shorter than the chain it proved before: entries" + " were dropped",
                    List.of(text, "mirror:" + head.seq() + ":" + head.hash()));
            return new Check(now, "alarm", c.seq(), "chain shortened");
        }
        if (c.seq() == head.seq()) {
            return head.hash().equals(c.head())
                    ? new Check(now, alarms(nodeId) ? "alarm" : "consistent", c.seq(), null)
                    : new Check(now, "alarm", c.seq(), "forked");
        }
        long from = head.seq();
        String previous = head.hash();
        // Once the mirror holds entries of the new format, a proof may not offer a hash "as given" (format 1).
        boolean legacyAllowed = !jdbc.sql(
                        "select exists(select 1 from node_chain where node_id = ?" + " and content_digest is not null)")
                .param(nodeId)
                .query(Boolean.class)
                .single();
        for (int page = 0; page < MAX_PAGES && from < c.seq(); page++) {
            NodeReply proofReply = queries.ask(nodeId, NodeCall.AUDIT_PROOF, "from=" + from + "&to=" + c.seq(), now);
            if (proofReply.status() != NodeStatus.OK
                    || !(proofReply.message() instanceof NodeReplies.AuditProof proof)) {
                return new Check(now, "unavailable", c.seq(), proofReply.reason());
            }
            if (proof.entries().isEmpty()) {
                alarm(nodeId, "INCONSISTENT", "the node proves no entries up to a head it signed", List.of(text));
                return new Check(now, "alarm", c.seq(), "no proof");
            }
            var extension = AuditChain.extend(from, previous, proof.entries(), legacyAllowed);
            if (!extension.consistent()) {
                alarm(
                        nodeId,
                        "INCONSISTENT",
                        "the node's proof does not follow on from its witnessed chain: " + extension.problem(),
                        List.of(text));
                return new Check(now, "alarm", c.seq(), "inconsistent proof");
            }
            long start = from;
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < proof.entries().size(); i++) {
                    var e = proof.entries().get(i);
                    jdbc.sql("insert into node_chain (node_id, seq, content_digest, entry_hash) values (?, ?, ?, ?)")
                            .params(
                                    nodeId,
                                    e.seq(),
                                    e.contentDigest(),
                                    extension.hashes().get(i))
                            .update();
                }
            });
            from = start + proof.entries().size();
            previous = extension.head(previous);
            legacyAllowed &= proof.entries().stream().allMatch(e -> e.contentDigest() == null);
        }
        Optional<String> early = disagreeing(nodeId, head.seq(), from);
        if (early.isPresent()) {
            alarm(
                    nodeId,
                    "FORK",
                    "the node signed a receipt for a history its chain does not have",
                    List.of(early.get(), text));
            return new Check(now, "alarm", c.seq(), "forked");
        }
        if (from < c.seq()) {
            return new Check(now, "catching up", c.seq(), "mirrored up to " + from + "; the rest on the next check");
        }
        if (!previous.equals(c.head())) {
            alarm(
                    nodeId,
                    "INCONSISTENT",
                    "the entries the node proved do not lead to the head it signed: an entry"
                            + " was rewritten or the history forked",
                    List.of(text, "mirror:" + from + ":" + previous));
            return new Check(now, "alarm", c.seq(), "inconsistent");
        }
        return new Check(now, alarms(nodeId) ? "alarm" : "consistent", c.seq(), null);
    }

    /** A statement kept for the newly mirrored range that names another hash than the chain has there. */
    private Optional<String> disagreeing(String nodeId, long after, long upTo) {
        if (upTo <= after) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select s.statement from node_statement s
                left join node_chain e on e.node_id = s.node_id and e.seq = s.seq
                left join node_chain h on h.node_id = s.node_id and h.seq = s.head_seq
                where s.node_id = ? and ((s.seq > ? and s.seq <= ? and e.entry_hash <> s.entry_hash)
                    or (s.head_seq > ? and s.head_seq <= ? and h.entry_hash <> s.head_hash))
                order by s.id limit 1""")
                .params(nodeId, after, upTo, after, upTo)
                .query(String.class)
                .optional();
    }

    private boolean alarms(String nodeId) {
        return jdbc.sql("select count(*) from integrity_alarm where node_id = ?")
                        .param(nodeId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void alarm(String nodeId, String kind, String detail, List<String> evidence) {
        int inserted = jdbc.sql("insert into integrity_alarm (at, node_id, kind, detail, evidence)"
                        + " select ?, ?, ?, ?, ? where not exists (select 1 from integrity_alarm where node_id = ?"
                        + " and kind = ? and detail = ?)")
                .params(
                        Timestamp.from(clock.instant()),
                        nodeId,
                        kind,
                        detail,
                        String.join("\n", evidence),
                        nodeId,
                        kind,
                        detail)
                .update();
        if (inserted > 0) {
            log.warn("Integrity alarm for node {}: {} ({})", nodeId, kind, detail);
        }
    }

    /** The newest alarms, newest first. */
    public List<Alarm> alarms(int limit) {
        return jdbc.sql("select * from integrity_alarm order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new Alarm(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("node_id"),
                        rs.getString("kind"),
                        rs.getString("detail"),
                        rs.getString("evidence")))
                .list();
    }

    /** What the witness knows of each node, for the security officer. */
    public List<Map<String, Object>> report() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (var node : registry.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", node.id());
            m.put("country", node.country());
            m.put("keySource", registry.keySource(node.id()));
            registry.publicKey(node.id())
                    .ifPresent(k -> m.put("keyId", org.tributary.common.integrity.PublicKeys.keyId(k)));
            registry.keyMismatch(node.id()).ifPresent(k -> m.put("keyProblem", k));
            AuditHead head = mirroredHead(node.id());
            m.put("witnessedEntries", head.seq());
            m.put(
                    "statementsKept",
                    jdbc.sql("select count(*) from node_statement where node_id = ?")
                            .param(node.id())
                            .query(Long.class)
                            .single());
            long alarms = jdbc.sql("select count(*) from integrity_alarm where node_id = ?")
                    .param(node.id())
                    .query(Long.class)
                    .single();
            m.put("alarms", alarms);
            Check last = lastChecks.get(node.id());
            m.put("status", alarms > 0 ? "alarm" : last == null ? "not checked yet" : last.outcome());
            m.put("lastCheck", last);
            out.add(m);
        }
        return out;
    }

    /** The proof entries the mirror holds for {@code from+1 .. to}, for a release file. */
    public List<AuditChain.ProofEntry> mirroredProof(String nodeId, long from, long to) {
        return jdbc.sql("select seq, content_digest, entry_hash from node_chain where node_id = ? and seq > ?"
                        + " and seq <= ? order by seq")
                .params(nodeId, from, to)
                .query((rs, n) -> rs.getString("content_digest") != null
                        ? new AuditChain.ProofEntry(rs.getLong("seq"), rs.getString("content_digest"), null)
                        : new AuditChain.ProofEntry(rs.getLong("seq"), null, rs.getString("entry_hash")))
                .list();
    }

    /** The newest checkpoint kept for the node that the mirror covers, at or after {@code seq}. */
    public Optional<String> checkpointCovering(String nodeId, long seq) {
        return jdbc.sql("select s.statement from node_statement s join node_chain c on c.node_id = s.node_id"
                        + " and c.seq = s.seq and c.entry_hash = s.head_hash where s.node_id = ? and"
                        + " s.kind = 'checkpoint' and s.seq >= ? order by s.seq desc, s.id desc limit 1")
                .params(nodeId, seq)
                .query(String.class)
                .optional();
    }
}

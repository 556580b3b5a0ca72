package org.tributary.node.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.integrity.AuditChain;
import org.tributary.common.integrity.Checkpoint;

/**
 * The node's release audit log: append-only and hash-chained. Every answer of the release API (table or
 * refusal) and every policy change adds an entry in the same transaction as the answer. Each entry's hash covers
 * its content and the previous entry's hash, so changing or removing any entry breaks every link after it.
 *
 * <p>Entries of format 2 hash as {@link AuditChain} says: the content digest is SHA-256 of the entry's RFC 8785
 * canonical JSON, the hash links it to the entry before. The chain alone can be recomputed by whoever can write the
 * table; what holds against them are the signed checkpoints ({@link AuditCheckpoints}) and receipts that others keep.
 * Entries written before format 2 (format 1) keep their old hash and are verified as they were written.
 */
@Service
public class AuditLog {

    static final String GENESIS = AuditChain.GENESIS;
    /** Entries hashed over their canonical JSON (RFC 8785) and linked by {@link AuditChain#link}. */
    static final int FORMAT = 2;
    /** Serialises appends: the sequence and the chain have one writer at a time. */
    private static final long LOCK = 0x7472_6962_7574_6172L;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NodeSigner signer;

    AuditLog(JdbcClient jdbc, Clock clock, NodeSigner signer) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.signer = signer;
    }

    /**
     * One entry. The canonical query and the digest of what was released; never the released cells themselves.
     *
     * @param requester the person the entry is for (a token subject), verified by the node
     * @param client the client that relayed a federation call (the aggregator's service account), if any
     * @param cost privacy budget spent (nano-ρ), for a differentially private answer
     */
    public record Entry(
            long seq,
            Instant at,
            String requester,
            String client,
            String kind,
            String canonicalQuery,
            String releasedDigest,
            String refusalReason,
            Long cost,
            String previousHash,
            String hash,
            int format,
            String contentDigest) {

        /** What the entry's content digest covers (format 2). */
        Map<String, Object> content() {
            return AuditLog.content(
                    seq, at, requester, client, kind, canonicalQuery, releasedDigest, refusalReason, cost);
        }

        /** The hash the entry should have, recomputed from its content and its link. */
        String recomputedHash() {
            if (format >= FORMAT) {
                String digest = AuditChain.contentDigest(content());
                return digest.equals(contentDigest) ? AuditChain.link(seq, previousHash, digest) : null;
            }
            return legacyHash(
                    seq,
                    at,
                    requester,
                    client,
                    kind,
                    canonicalQuery,
                    releasedDigest,
                    refusalReason,
                    cost,
                    previousHash);
        }
    }

    /** A {@code release_audit} row. */
    static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(
                rs.getLong("seq"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("requester"),
                rs.getString("client"),
                rs.getString("kind"),
                rs.getString("canonical_query"),
                rs.getString("released_digest"),
                rs.getString("refusal_reason"),
                (Long) rs.getObject("cost"),
                rs.getString("previous_hash"),
                rs.getString("hash"),
                rs.getInt("format"),
                rs.getString("content_digest"));
    }

    /** A kept checkpoint row. */
    static Checkpoint checkpoint(java.sql.ResultSet rs, String nodeId) throws java.sql.SQLException {
        return new Checkpoint(
                Checkpoint.VERSION,
                nodeId,
                rs.getLong("seq"),
                rs.getString("head"),
                rs.getString("at"),
                rs.getString("key_id"),
                rs.getString("signature"));
    }

    /** The chain's last entry ({@code seq} 0 and the genesis hash when it is empty). */
    public record Head(long seq, String hash) {}

    @Transactional(propagation = Propagation.MANDATORY)
    public Entry append(String requester, String kind, String canonicalQuery, String releasedDigest, String refusal) {
        return append(requester, null, kind, canonicalQuery, releasedDigest, refusal, null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Entry append(
            String requester,
            String client,
            String kind,
            String canonicalQuery,
            String releasedDigest,
            String refusal,
            Long cost) {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(LOCK)
                .query(Object.class)
                .single();
        var last = jdbc.sql("select seq, hash from release_audit order by seq desc limit 1")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .optional();
        long seq = last.map(l -> (Long) l[0] + 1).orElse(1L);
        String previous = last.map(l -> (String) l[1]).orElse(GENESIS);
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String content = AuditChain.contentDigest(
                content(seq, at, requester, client, kind, canonicalQuery, releasedDigest, refusal, cost));
        String hash = AuditChain.link(seq, previous, content);
        jdbc.sql("insert into release_audit (seq, at, requester, client, kind, canonical_query, released_digest,"
                        + " refusal_reason, cost, previous_hash, hash, format, content_digest)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        seq,
                        Timestamp.from(at),
                        requester,
                        client,
                        kind,
                        canonicalQuery,
                        releasedDigest,
                        refusal,
                        cost,
                        previous,
                        hash,
                        FORMAT,
                        content)
                .update();
        return new Entry(
                seq,
                at,
                requester,
                client,
                kind,
                canonicalQuery,
                releasedDigest,
                refusal,
                cost,
                previous,
                hash,
                FORMAT,
                content);
    }

    /** What a format-2 entry's content digest covers: every field but the links. */
    static Map<String, Object> content(
            long seq,
            Instant at,
            String requester,
            String client,
            String kind,
            String query,
            String digest,
            String refusal,
            Long cost) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("at", at.toString());
        m.put("requester", requester);
        m.put("client", client);
        m.put("kind", kind);
        m.put("canonicalQuery", query);
        m.put("releasedDigest", digest);
        m.put("refusalReason", refusal);
        m.put("cost", cost);
        return m;
    }

    /** The chain's head as committed now. */
    @Transactional(readOnly = true)
    public Head head() {
        return jdbc.sql("select seq, hash from release_audit order by seq desc limit 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional()
                .orElse(new Head(0, GENESIS));
    }

    /** The entry's seq and hash, if there is one. */
    @Transactional(readOnly = true)
    public Optional<Head> entry(long seq) {
        return jdbc.sql("select seq, hash from release_audit where seq = ?")
                .param(seq)
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    /**
     * A consistency proof: the content digests of entries {@code from+1 .. to} (at most {@code limit}), from which
     * anyone holding the head at {@code from} recomputes the head at {@code to}. Format-1 entries give their hash.
     */
    @Transactional(readOnly = true)
    public List<AuditChain.ProofEntry> proof(long from, long to, int limit) {
        return jdbc.sql("select seq, format, content_digest, hash from release_audit where seq > ? and seq <= ?"
                        + " order by seq limit ?")
                .params(from, to, limit)
                .query((rs, n) -> rs.getInt("format") >= FORMAT
                        ? new AuditChain.ProofEntry(rs.getLong("seq"), rs.getString("content_digest"), null)
                        : new AuditChain.ProofEntry(rs.getLong("seq"), null, rs.getString("hash")))
                .list();
    }

    /** A page of entries, newest first, optionally within a time window and for one requester. */
    @Transactional(readOnly = true)
    public List<Entry> page(Instant from, Instant to, String requester, int page, int size) {
        return jdbc.sql("select * from release_audit where (?::timestamptz is null or at >= ?::timestamptz)"
                        + " and (?::timestamptz is null or at < ?::timestamptz) and (?::text is null or requester = ?)"
                        + " order by seq desc limit ? offset ?")
                .params(ts(from), ts(from), ts(to), ts(to), requester, requester, size, (long) page * size)
                .query((rs, n) -> entry(rs))
                .list();
    }

    /**
     * The outcome of recomputing the chain. {@code firstBrokenSeq} is null when every link holds.
     *
     * @param checkpoints signed checkpoints checked against the chain
     * @param lastCheckpointSeq the longest chain a checkpoint signed
     */
    public record Verification(
            boolean intact,
            long entries,
            Long firstBrokenSeq,
            String problem,
            long checkpoints,
            Long lastCheckpointSeq) {}

    /**
     * Recomputes every hash and link, oldest first, and holds the chain to the node's signed checkpoints: an entry
     * rewritten and re-hashed no longer matches the head signed over it, a dropped tail leaves a checkpoint longer
     * than the chain, and a checkpoint the key did not sign is reported as forged. Each budget spend must match the
     * entry that recorded it. Reports the first thing that does not hold.
     */
    @Transactional(readOnly = true)
    public Verification verify() {
        Map<Long, Checkpoint> checkpoints = new java.util.TreeMap<>();
        jdbc.sql("select seq, head, at, key_id, signature from audit_checkpoint order by seq")
                .query((rs, n) -> checkpoint(rs, signer.nodeId()))
                .list()
                .forEach(c -> checkpoints.put(c.seq(), c));
        long lastCheckpoint =
                checkpoints.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        Long lastCheckpointSeq = checkpoints.isEmpty() ? null : lastCheckpoint;
        for (Checkpoint c : checkpoints.values()) {
            if (!c.verifies(signer.publicKeyObject())) {
                return new Verification(
                        false,
                        0,
                        c.seq(),
                        "checkpoint " + c.seq() + " is not signed by the node's key",
                        checkpoints.size(),
                        lastCheckpointSeq);
            }
        }
        long[] count = {0};
        String[] previous = {GENESIS};
        long[] expectedSeq = {1};
        boolean[] newFormatSeen = {false};
        Verification[] broken = {null};
        jdbc.sql("select * from release_audit order by seq").query(rs -> {
            if (broken[0] != null) {
                return;
            }
            long seq = rs.getLong("seq");
            count[0]++;
            String problem = null;
            String hash = rs.getString("hash");
            if (seq != expectedSeq[0]) {
                problem = "entry " + expectedSeq[0] + " is missing";
                seq = expectedSeq[0];
            } else if (!previous[0].equals(rs.getString("previous_hash"))) {
                problem = "previous hash does not match the entry before";
            } else if (rs.getInt("format") < FORMAT && newFormatSeen[0]) {
                problem = "an entry of the old format after entries of the new: a rewrite passing itself off as old";
            } else {
                String recomputed = entry(rs).recomputedHash();
                if (!hash.equals(recomputed)) {
                    problem = "content does not match its hash";
                } else if (checkpoints.containsKey(seq)
                        && !checkpoints.get(seq).head().equals(hash)) {
                    problem = "the hash differs from the head signed in checkpoint " + seq
                            + ": the chain was rewritten after it was signed";
                }
            }
            if (problem != null) {
                broken[0] = new Verification(false, count[0], seq, problem, checkpoints.size(), lastCheckpointSeq);
                return;
            }
            previous[0] = hash;
            newFormatSeen[0] |= rs.getInt("format") >= FORMAT;
            expectedSeq[0]++;
        });
        if (broken[0] != null) {
            return broken[0];
        }
        if (lastCheckpoint > count[0]) {
            return new Verification(
                    false,
                    count[0],
                    count[0] + 1,
                    "entries " + (count[0] + 1) + " to " + lastCheckpoint
                            + " are missing: a signed checkpoint covers them (the tail was dropped)",
                    checkpoints.size(),
                    lastCheckpointSeq);
        }
        Optional<Long> badSpend = jdbc.sql("select s.audit_seq from dp_spend s left join release_audit a"
                        + " on a.seq = s.audit_seq where a.seq is null or a.cost is distinct from s.cost"
                        + " or a.requester <> s.requester order by s.id limit 1")
                .query(Long.class)
                .optional();
        if (badSpend.isPresent()) {
            return new Verification(
                    false,
                    count[0],
                    badSpend.get(),
                    "a budget spend does not match the audit entry" + " that recorded it",
                    checkpoints.size(),
                    lastCheckpointSeq);
        }
        return new Verification(true, count[0], null, null, checkpoints.size(), lastCheckpointSeq);
    }

    static String legacyHash(
            long seq,
            Instant at,
            String requester,
            String client,
            String kind,
            String query,
            String digest,
            String refusal,
            Long cost,
            String previous) {
        String canonical = String.join(
                "\u001f",
                Long.toString(seq),
                at.toString(),
                requester,
                kind,
                query,
                String.valueOf(digest),
                String.valueOf(refusal),
                previous);
        if (client != null || cost != null) {
            // Entries from before the client and the cost were recorded hash as they always did.
            canonical = canonical + "\u001f" + client + "\u001f" + cost;
        }
        return sha256(canonical);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

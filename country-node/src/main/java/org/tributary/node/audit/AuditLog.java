package org.tributary.node.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The node's release audit log: append-only and hash-chained. Every answer of the release API (table or
 * refusal) and every policy change adds an entry in the same transaction as the answer. Each entry's hash covers
 * its content and the previous entry's hash, so changing or removing any entry breaks every link after it.
 */
@Service
public class AuditLog {

    static final String GENESIS = "0".repeat(64);
    /** Serialises appends: the sequence and the chain have one writer at a time. */
    private static final long LOCK = 0x7472_6962_7574_6172L;

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
            String hash) {}

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
        String hash = hash(seq, at, requester, client, kind, canonicalQuery, releasedDigest, refusal, cost, previous);
        jdbc.sql("insert into release_audit (seq, at, requester, client, kind, canonical_query, released_digest,"
                        + " refusal_reason, cost, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
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
                        hash)
                .update();
        return new Entry(
                seq, at, requester, client, kind, canonicalQuery, releasedDigest, refusal, cost, previous, hash);
    }

    /** A page of entries, newest first, optionally within a time window and for one requester. */
    @Transactional(readOnly = true)
    public List<Entry> page(Instant from, Instant to, String requester, int page, int size) {
        return jdbc.sql("select * from release_audit where (?::timestamptz is null or at >= ?::timestamptz)"
                        + " and (?::timestamptz is null or at < ?::timestamptz) and (?::text is null or requester = ?)"
                        + " order by seq desc limit ? offset ?")
                .params(ts(from), ts(from), ts(to), ts(to), requester, requester, size, (long) page * size)
                .query((rs, n) -> new Entry(
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
                        rs.getString("hash")))
                .list();
    }

    /** The outcome of recomputing the chain. {@code firstBrokenSeq} is null when every link holds. */
    public record Verification(boolean intact, long entries, Long firstBrokenSeq, String problem) {}

    /** Recomputes every hash and link, oldest first, and reports the first entry that does not hold. */
    @Transactional(readOnly = true)
    public Verification verify() {
        long[] count = {0};
        String[] previous = {GENESIS};
        long[] expectedSeq = {1};
        Verification[] broken = {null};
        jdbc.sql("select * from release_audit order by seq").query(rs -> {
            if (broken[0] != null) {
                return;
            }
            long seq = rs.getLong("seq");
            count[0]++;
            String problem = null;
            if (seq != expectedSeq[0]) {
                problem = "entry " + expectedSeq[0] + " is missing";
                seq = expectedSeq[0];
            } else if (!previous[0].equals(rs.getString("previous_hash"))) {
                problem = "previous hash does not match the entry before";
            } else {
                String recomputed = hash(
                        seq,
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("requester"),
                        rs.getString("client"),
                        rs.getString("kind"),
                        rs.getString("canonical_query"),
                        rs.getString("released_digest"),
                        rs.getString("refusal_reason"),
                        (Long) rs.getObject("cost"),
                        rs.getString("previous_hash"));
                if (!recomputed.equals(rs.getString("hash"))) {
                    problem = "content does not match its hash";
                }
            }
            if (problem != null) {
                broken[0] = new Verification(false, count[0], seq, problem);
                return;
            }
            previous[0] = rs.getString("hash");
            expectedSeq[0]++;
        });
        return broken[0] != null ? broken[0] : new Verification(true, count[0], null, null);
    }

    static String hash(
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

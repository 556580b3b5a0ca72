package org.tributary.node.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.integrity.Checkpoint;

/**
 * Signed checkpoints of the audit chain's head, in the style of a transparency log: one on request (the
 * aggregator asks for one each time it checks the chain) and one periodically when the head moved. Each is kept
 * (append-only) and handed out; whoever holds one can later tell whether the node's history still contains it.
 */
@Service
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final NodeSigner signer;
    private final Clock clock;

    AuditCheckpoints(JdbcClient jdbc, AuditLog audit, NodeSigner signer, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.signer = signer;
        this.clock = clock;
    }

    /** The head signed now; kept when it is longer than every kept checkpoint. */
    @Transactional
    public Checkpoint current() {
        AuditLog.Head head = audit.head();
        Checkpoint checkpoint = Checkpoint.sign(
                signer.key(),
                signer.nodeId(),
                head.seq(),
                head.hash(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        if (head.seq() > 0) {
            jdbc.sql("insert into audit_checkpoint (seq, head, at, key_id, signature) values (?, ?, ?, ?, ?)"
                            + " on conflict (seq) do nothing")
                    .params(
                            checkpoint.seq(),
                            checkpoint.head(),
                            checkpoint.at(),
                            checkpoint.keyId(),
                            checkpoint.signature())
                    .update();
        }
        return checkpoint;
    }

    @Scheduled(
            fixedDelayString = "${tributary.audit.checkpoint-interval:5m}",
            initialDelayString = "${tributary.audit.checkpoint-interval:5m}")
    void periodically() {
        try {
            long kept = jdbc.sql("select coalesce(max(seq), 0) from audit_checkpoint")
                    .query(Long.class)
                    .single();
            if (audit.head().seq() > kept) {
                current();
            }
        } catch (RuntimeException e) {
            // The database may be away for a while; the next run tries again. Never the exception's text.
            log.warn("No checkpoint this time ({})", e.getClass().getSimpleName());
        }
    }

    /** Kept checkpoints after {@code afterSeq}, oldest first. */
    @Transactional(readOnly = true)
    public List<Checkpoint> kept(long afterSeq, int limit) {
        return jdbc.sql("select seq, head, at, key_id, signature from audit_checkpoint where seq > ? order by seq"
                        + " limit ?")
                .params(afterSeq, limit)
                .query((rs, n) -> AuditLog.checkpoint(rs, signer.nodeId()))
                .list();
    }
}

package org.tributary.node.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;
import org.tributary.common.integrity.Receipt;

/**
 * Signs the receipt that goes with every federation answer: the audit entry that records it, the chain's head,
 * the digest of what was released and the policy it was released under.
 */
@Component
public class Receipts {

    private final AuditLog audit;
    private final NodeSigner signer;
    private final Clock clock;

    Receipts(AuditLog audit, NodeSigner signer, Clock clock) {
        this.audit = audit;
        this.signer = signer;
        this.clock = clock;
    }

    /** For an answer whose entry was just written: the entry is the head its transaction saw. */
    public Receipt forEntry(AuditLog.Entry entry, String releasedDigest, long policyVersion, String releasePeriod) {
        return sign(
                entry.kind(),
                entry.seq(),
                entry.hash(),
                new AuditLog.Head(entry.seq(), entry.hash()),
                releasedDigest,
                policyVersion,
                releasePeriod);
    }

    /** For a stored answer served again (a catalogue release): its entry, and the head as it is now. */
    public Receipt forStored(
            String kind, long seq, String entryHash, String releasedDigest, long policyVersion, String releasePeriod) {
        AuditLog.Head head = audit.head();
        return sign(
                kind,
                seq,
                entryHash,
                head.seq() >= seq ? head : new AuditLog.Head(seq, entryHash),
                releasedDigest,
                policyVersion,
                releasePeriod);
    }

    private Receipt sign(
            String kind,
            long seq,
            String entryHash,
            AuditLog.Head head,
            String releasedDigest,
            long policyVersion,
            String releasePeriod) {
        return new Receipt(
                        Receipt.VERSION,
                        signer.nodeId(),
                        kind,
                        seq,
                        entryHash,
                        head.seq(),
                        head.hash(),
                        releasedDigest,
                        policyVersion,
                        releasePeriod,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
                        null,
                        null)
                .signedBy(signer.key());
    }
}

package org.tributary.common.integrity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit chain's arithmetic, the same for the node that writes it and for anyone who checks it. Entry {@code n}
 * has a content digest (SHA-256 of the entry's canonical JSON) and a hash that links it to entry {@code n-1}:
 * {@code hash(n) = SHA-256(JCS({"content": digest(n), "previous": hash(n-1), "seq": n}))}, {@code hash(0)} the
 * genesis. A checkpoint signs {@code (n, hash(n))}; a consistency proof from an earlier checkpoint {@code (m, H)} to
 * a later one is the content digests of entries {@code m+1..n}: whoever holds the earlier checkpoint recomputes
 * the later head from them, so a rewritten entry, a dropped tail or a forked history cannot match both checkpoints.
 * The digests say nothing about the entries' content.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String contentDigest(Map<String, ?> content) {
        return Digests.canonical(content);
    }

    public static String link(long seq, String previous, String contentDigest) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("seq", seq);
        link.put("previous", previous);
        link.put("content", contentDigest);
        return Digests.canonical(link);
    }

    /**
     * One entry of a proof: its content digest, or — for an entry written before entries had one (format 1) — the
     * hash as the node states it, which a checker can only take as given.
     */
    public record ProofEntry(long seq, String contentDigest, String legacyHash) {

        public String hash(String previous) {
            return contentDigest != null ? link(seq, previous, contentDigest) : legacyHash;
        }
    }

    /** The hashes of a segment, or the first point at which it does not follow on. */
    public record Extension(List<String> hashes, String problem) {

        public boolean consistent() {
            return problem == null;
        }

        public String head(String from) {
            return hashes.isEmpty() ? from : hashes.get(hashes.size() - 1);
        }
    }

    /**
     * Extends the chain from entry {@code fromSeq} (hash {@code fromHash}) by the proof's entries, which must be
     * {@code fromSeq+1, fromSeq+2, ...} in order.
     */
    public static Extension extend(long fromSeq, String fromHash, List<ProofEntry> proof) {
        return extend(fromSeq, fromHash, proof, true);
    }

    /**
     * As {@link #extend(long, String, List)}; {@code legacyAllowed} false once the chain is known to hold format-2
     * entries. A hash taken as given (a format-1 entry) is never accepted after an entry with a content digest: the
     * node writes format 2 only, so a "legacy" entry later in the chain is a rewrite passing itself off as old.
     */
    public static Extension extend(long fromSeq, String fromHash, List<ProofEntry> proof, boolean legacyAllowed) {
        List<String> hashes = new java.util.ArrayList<>(proof.size());
        String previous = fromHash;
        long expected = fromSeq + 1;
        boolean legacy = legacyAllowed;
        for (ProofEntry e : proof) {
            if (e.seq() != expected) {
                return new Extension(hashes, "entry " + expected + " is missing from the proof");
            }
            if (e.contentDigest() == null && !legacy) {
                return new Extension(
                        hashes,
                        "entry " + expected + " claims the old format after entries of the new:"
                                + " a rewrite passing itself off as old");
            }
            if (e.contentDigest() == null && !Digests.isSha256(e.legacyHash())) {
                return new Extension(hashes, "entry " + expected + " has neither a content digest nor a hash");
            }
            if (e.contentDigest() != null) {
                legacy = false;
            }
            previous = e.hash(previous);
            hashes.add(previous);
            expected++;
        }
        return new Extension(hashes, null);
    }

    /** Whether a later head follows from an earlier one by the proof; empty when it does, else why not. */
    public static Optional<String> consistency(
            long earlierSeq, String earlierHead, long laterSeq, String laterHead, List<ProofEntry> proof) {
        if (laterSeq < earlierSeq) {
            return Optional.of("the chain is shorter than at an earlier checkpoint (" + laterSeq + " < " + earlierSeq
                    + " entries): entries were dropped");
        }
        if (laterSeq == earlierSeq) {
            return earlierHead.equals(laterHead)
                    ? Optional.empty()
                    : Optional.of("two different heads signed for entry " + laterSeq + ": the history forked");
        }
        if (proof.size() != laterSeq - earlierSeq) {
            return Optional.of("the proof has " + proof.size() + " entries, " + (laterSeq - earlierSeq) + " needed");
        }
        Extension extension = extend(earlierSeq, earlierHead, proof);
        if (!extension.consistent()) {
            return Optional.of(extension.problem());
        }
        return extension.head(earlierHead).equals(laterHead)
                ? Optional.empty()
                : Optional.of("the later head does not follow from the earlier one: an entry up to " + laterSeq
                        + " was rewritten or the history forked");
    }
}

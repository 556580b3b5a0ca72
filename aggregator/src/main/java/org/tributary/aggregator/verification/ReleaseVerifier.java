package org.tributary.aggregator.verification;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.federation.NodeReply;
import org.tributary.aggregator.federation.RegionalCatalogue;
import org.tributary.aggregator.indicators.Indicators;
import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.integrity.AuditChain;
import org.tributary.common.integrity.CanonicalJson;
import org.tributary.common.integrity.Checkpoint;
import org.tributary.common.integrity.PublicKeys;
import org.tributary.common.integrity.Receipt;
import org.tributary.common.integrity.ReleaseDigest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a regional release file offline, given the published keys: the aggregator's signature over its
 * statement; that the values in the file are the signed ones; every node receipt (its signature, and that it names
 * exactly the catalogue release in the file); that every regional value follows from those catalogue releases by the
 * documented combination rules (recomputed here with the aggregator's own code); and that each receipt's entry is
 * in the history its node later signed a checkpoint of. Nothing is fetched; nothing is trusted but the keys.
 */
public final class ReleaseVerifier {

    /** The keys a reader trusts, obtained out of band ({@code GET /api/regional/keys}, or the agencies' own). */
    public record TrustedKeys(Map<String, PublicKey> aggregator, Map<String, PublicKey> nodes) {}

    /**
     * One check.
     *
     * @param outcome {@code pass}, {@code fail}, or {@code not-covered} (a receipt no checkpoint covers yet)
     */
    public record Check(String name, String outcome, String detail) {}

    /** The verdict: valid when no check failed. */
    public record Report(boolean valid, long number, List<Check> checks, double millis) {}

    private final JsonMapper json;

    public ReleaseVerifier(JsonMapper json) {
        this.json = json;
    }

    public Report verify(Map<String, Object> file, TrustedKeys keys) {
        long started = System.nanoTime();
        List<Check> checks = new ArrayList<>();
        long number = -1;
        try {
            number = verify(file, keys, checks);
        } catch (RuntimeException e) {
            checks.add(new Check(
                    "release file",
                    "fail",
                    "not a release file: " + e.getClass().getSimpleName()));
        }
        // Valid: nothing failed, and every receipt is covered by a checkpoint its node signed later.
        boolean valid =
                !checks.isEmpty() && checks.stream().allMatch(c -> c.outcome().equals("pass"));
        return new Report(valid, number, List.copyOf(checks), (System.nanoTime() - started) / 1e6);
    }

    private long verify(Map<String, Object> file, TrustedKeys keys, List<Check> checks) {
        Map<String, Object> attestation = map(file.get("attestation"));
        if (attestation == null) {
            checks.add(new Check("aggregator signature", "fail", "the release carries no attestation"));
            return -1;
        }
        Map<String, Object> statement = map(attestation.get("statement"));
        long number = ((Number) statement.get("number")).longValue();
        String keyId = (String) statement.get("keyId");
        PublicKey aggregatorKey = keys.aggregator().get(keyId);
        if (aggregatorKey == null) {
            checks.add(
                    new Check("aggregator signature", "fail", "signed by " + keyId + ", which is not a trusted key"));
        } else if (!PublicKeys.verifiesCanonical(aggregatorKey, statement, (String) attestation.get("signature"))) {
            checks.add(new Check(
                    "aggregator signature",
                    "fail",
                    "the signature does not verify: the statement was" + " changed after it was signed"));
        } else {
            checks.add(new Check("aggregator signature", "pass", "signed by " + keyId));
        }

        Map<String, Object> release = map(file.get("release"));
        Map<String, Object> signedProvenance = map(statement.get("provenance"));
        boolean same = release != null
                && ((Number) release.get("number")).longValue() == number
                && Instant.parse(String.valueOf(release.get("createdAt")))
                        .equals(Instant.parse((String) statement.get("createdAt")))
                && String.valueOf(release.get("trigger")).equals(statement.get("trigger"))
                && equal(release.get("partial"), signedProvenance.get("partial"))
                && equal(release.get("nodesAsked"), signedProvenance.get("nodesAsked"))
                && equal(release.get("nodesAnswered"), signedProvenance.get("nodesAnswered"))
                && equal(file.get("datasets"), statement.get("datasets"))
                && equal(file.get("provenance"), statement.get("provenance"));
        checks.add(
                same
                        ? new Check(
                                "values are the signed values", "pass", "the datasets and provenance are those signed")
                        : new Check(
                                "values are the signed values",
                                "fail",
                                "the file's datasets or provenance differ from" + " the signed statement's"));

        Map<String, Object> bodies = map(attestation.get("sources"));
        Map<String, Receipt> receipts = new LinkedHashMap<>();
        Map<String, CatalogueRelease> releases = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Object o : list(statement.get("sources"))) {
            Map<String, Object> source = map(o);
            String nodeId = (String) source.get("nodeId");
            String name = "receipt of " + nodeId;
            if (!seen.add(nodeId)) {
                checks.add(new Check(name, "fail", "the node appears twice among the sources"));
                continue;
            }
            Receipt receipt;
            try {
                receipt = Receipt.fromMap(map(source.get("receipt")));
            } catch (IllegalArgumentException e) {
                checks.add(new Check(name, "fail", e.getMessage()));
                continue;
            }
            PublicKey nodeKey = keys.nodes().get(nodeId);
            Object body = bodies == null ? null : bodies.get(nodeId);
            if (nodeKey == null) {
                checks.add(new Check(name, "fail", "no trusted key for the node"));
            } else if (!receipt.verifies(nodeKey)) {
                checks.add(new Check(name, "fail", "the node's signature does not verify"));
            } else if (!"CATALOGUE_RELEASE".equals(receipt.kind())) {
                checks.add(new Check(name, "fail", "the receipt is not for a catalogue release"));
            } else if (body == null) {
                checks.add(new Check(name, "fail", "the node's catalogue release is not in the file"));
            } else if (!ReleaseDigest.of(body).equals(receipt.releasedDigest())) {
                checks.add(new Check(
                        name,
                        "fail",
                        "the catalogue release in the file is not the one the node"
                                + " signed for (its digest differs)"));
            } else {
                CatalogueRelease parsed = json.convertValue(body, CatalogueRelease.class);
                if (!String.valueOf(parsed.releasePeriod()).equals(receipt.releasePeriod())
                        || parsed.policyVersion() != receipt.policyVersion()) {
                    checks.add(new Check(name, "fail", "the receipt names another period or policy version"));
                } else {
                    checks.add(new Check(
                            name,
                            "pass",
                            "signed by " + receipt.keyId() + ", entry " + receipt.seq() + ", period "
                                    + receipt.releasePeriod()));
                    receipts.put(nodeId, receipt);
                    releases.put(nodeId, parsed);
                }
            }
        }

        checks.add(recompute(statement, releases));

        Map<String, Boolean> covered = new LinkedHashMap<>();
        for (Object o : list(statement.get("checkpoints"))) {
            Map<String, Object> entry = map(o);
            String nodeId = (String) entry.get("nodeId");
            String name = "checkpoint of " + nodeId;
            Receipt receipt = receipts.get(nodeId);
            if (receipt == null) {
                checks.add(new Check(name, "fail", "no valid receipt of the node to check it against"));
                continue;
            }
            Checkpoint checkpoint = Checkpoint.fromMap(map(entry.get("checkpoint")));
            PublicKey nodeKey = keys.nodes().get(nodeId);
            if (nodeKey == null || !checkpoint.verifies(nodeKey)) {
                checks.add(new Check(name, "fail", "the checkpoint is not signed by the node's trusted key"));
                continue;
            }
            List<AuditChain.ProofEntry> proof = new ArrayList<>();
            for (Object p : list(entry.get("proofFromReceiptEntry"))) {
                Map<String, Object> e = map(p);
                proof.add(new AuditChain.ProofEntry(
                        ((Number) e.get("seq")).longValue(), (String) e.get("contentDigest"), (String)
                                e.get("legacyHash")));
            }
            checks.add(consistency(name, receipt, checkpoint, proof));
            covered.put(nodeId, true);
        }
        for (String nodeId : receipts.keySet()) {
            if (!covered.containsKey(nodeId)) {
                checks.add(new Check(
                        "checkpoint of " + nodeId,
                        "not-covered",
                        "no checkpoint of the node covered" + " its receipt when the release was signed"));
            }
        }
        return number;
    }

    /** The receipt's entry and head lie on the history the checkpoint signs. */
    static Check consistency(String name, Receipt receipt, Checkpoint checkpoint, List<AuditChain.ProofEntry> proof) {
        if (checkpoint.seq() < receipt.headSeq()) {
            return new Check(name, "fail", "the checkpoint is older than the receipt");
        }
        // A receipt's entry is of the new format: no hash "as given" may follow it.
        var extension = AuditChain.extend(receipt.seq(), receipt.entryHash(), proof, false);
        if (!extension.consistent() || proof.size() != checkpoint.seq() - receipt.seq()) {
            return new Check(name, "fail", "the proof does not run from the receipt's entry to the checkpoint");
        }
        long atHead = receipt.headSeq() - receipt.seq();
        String headHash = atHead == 0 ? receipt.entryHash() : extension.hashes().get((int) atHead - 1);
        if (!headHash.equals(receipt.headHash())) {
            return new Check(name, "fail", "the entries after the receipt's entry do not lead to the head it signed");
        }
        if (!extension.head(receipt.entryHash()).equals(checkpoint.head())) {
            return new Check(name, "fail", "the node's later checkpoint signs another history: rewritten or forked");
        }
        return new Check(
                name,
                "pass",
                "entry " + receipt.seq() + " and head " + receipt.headSeq() + " are in the history the node signed at "
                        + checkpoint.seq());
    }

    /** Recomputes every dataset from the receipts' catalogue releases and compares it with the signed one. */
    private Check recompute(Map<String, Object> statement, Map<String, CatalogueRelease> releases) {
        String name = "values follow from the receipts' cells";
        Map<String, Object> provenance = map(statement.get("provenance"));
        Instant at = Instant.parse((String) statement.get("createdAt"));
        int minNodes = ((Number) provenance.get("minContributingNodes")).intValue();
        if (minNodes < org.tributary.aggregator.regional.RegionalCombiner.DEFAULT_MIN_CONTRIBUTING_NODES) {
            return new Check(
                    name,
                    "fail",
                    "the release claims a minimum of " + minNodes + " contributing countries,"
                            + " below the contract's "
                            + org.tributary.aggregator.regional.RegionalCombiner.DEFAULT_MIN_CONTRIBUTING_NODES);
        }
        var properties = new AggregatorProperties(
                new AggregatorProperties.Region(
                        (String) provenance.get("regionCode"), (String) provenance.get("regionName")),
                null,
                ((Number) provenance.get("minContributingNodes")).intValue(),
                null,
                null,
                null,
                "-",
                null,
                List.of());
        Indicators indicators = Indicators.offline(properties, Clock.fixed(at, ZoneOffset.UTC));
        int compared = 0;
        for (Object o : list(statement.get("datasets"))) {
            Map<String, Object> signed = new LinkedHashMap<>(map(o));
            String id = (String) signed.get("id");
            // Each node as the release's snapshot had it: its verified catalogue release (whose own refusals of
            // single tables the combination reads), or — for a node that sent none — the status and reason this
            // dataset's provenance gives.
            List<NodeReply> replies = new ArrayList<>();
            java.util.Set<String> listed = new java.util.HashSet<>();
            for (Object n : list(map(signed.get("provenance")).get("nodes"))) {
                Map<String, Object> node = map(n);
                String nodeId = (String) node.get("nodeId");
                if (!listed.add(nodeId)) {
                    return new Check(name, "fail", "indicator " + id + " lists node " + nodeId + " twice");
                }
                String country = (String) node.get("country");
                CatalogueRelease release = releases.get(nodeId);
                if (release != null) {
                    replies.add(new NodeReply(nodeId, country, NodeStatus.OK, null, release, null));
                } else if (NodeStatus.OK.code().equals(node.get("status"))) {
                    return new Check(
                            name,
                            "fail",
                            "node " + nodeId + " answered indicator " + id
                                    + ", but no verified catalogue release of it is in the file");
                } else {
                    replies.add(new NodeReply(
                            nodeId,
                            country,
                            status((String) node.get("status")),
                            (String) node.get("reason"),
                            null,
                            null));
                }
            }
            Map<String, Object> again;
            try {
                again = new LinkedHashMap<>(map(json.readValue(
                        json.writeValueAsString(indicators.compute(
                                id, null, null, List.of("year"), new RegionalCatalogue(replies, at, at))),
                        Map.class)));
            } catch (RuntimeException e) {
                return new Check(name, "fail", "indicator " + id + " cannot be recomputed");
            }
            // Everything but when it was asked and answered: the nodes' reports too.
            for (Map<String, Object> d : List.of(signed, again)) {
                Map<String, Object> p = new LinkedHashMap<>(map(d.get("provenance")));
                p.remove("askedAt");
                p.remove("answeredAt");
                d.put("provenance", p);
            }
            withoutLaterReportFields(signed, again);
            if (!equal(signed, again)) {
                return new Check(name, "fail", "indicator " + id + " does not follow from the nodes' released cells");
            }
            compared++;
        }
        return new Check(
                name,
                "pass",
                compared + " indicators recomputed from " + releases.size() + " nodes' catalogue releases");
    }

    /**
     * Node-report fields that later versions add ({@code roundingBase}, read from the node's verified catalogue
     * release): a release signed before they were reported does not claim them, so the recomputation's are dropped
     * where the signed report has none. Nothing the signed statement says is ignored.
     */
    static final List<String> LATER_REPORT_FIELDS = List.of("roundingBase");

    private static void withoutLaterReportFields(Map<String, Object> signed, Map<String, Object> again) {
        List<?> signedNodes = list(map(signed.get("provenance")).get("nodes"));
        Map<String, Object> provenance = map(again.get("provenance"));
        List<Object> nodes = new ArrayList<>();
        List<?> againNodes = list(provenance.get("nodes"));
        for (int i = 0; i < againNodes.size(); i++) {
            Map<String, Object> node = new LinkedHashMap<>(map(againNodes.get(i)));
            Map<String, Object> was = i < signedNodes.size() ? map(signedNodes.get(i)) : Map.of();
            for (String field : LATER_REPORT_FIELDS) {
                if (was.get(field) == null) {
                    node.remove(field);
                }
            }
            nodes.add(node);
        }
        provenance.put("nodes", nodes);
    }

    private static NodeStatus status(String code) {
        for (NodeStatus s : NodeStatus.values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        return NodeStatus.UNAVAILABLE;
    }

    /** Equal as JSON values, members that are null counting as absent. */
    static boolean equal(Object a, Object b) {
        return CanonicalJson.text(withoutNulls(a)).equals(CanonicalJson.text(withoutNulls(b)));
    }

    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    out.put((String) k, withoutNulls(v));
                }
            });
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(withoutNulls(v)));
            return out;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        return o == null ? List.of() : (List<?>) o;
    }
}

package org.tributary.aggregator.releases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.indicators.Indicators;
import org.tributary.aggregator.integrity.AggregatorSigner;
import org.tributary.aggregator.integrity.Witness;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.NodeReport;
import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.common.integrity.CanonicalJson;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes and keeps the region's releases: the whole indicator catalogue, by year, computed from one snapshot of the
 * nodes' catalogue releases and then stored in one transaction as the next number. A run that fails stores nothing; a stored release never changes (the
 * database refuses updates and deletes).
 */
@Service
public class Releases {

    private static final Logger log = LoggerFactory.getLogger(Releases.class);

    /** Every indicator of a release is broken down by year, so that a release is a time series. */
    static final List<String> BREAKDOWN = List.of("year");

    private final Indicators indicators;
    private final org.tributary.aggregator.indicators.RegionalCatalogues catalogues;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final AggregatorProperties properties;
    private final Clock clock;
    private final Witness witness;
    private final AggregatorSigner signer;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    Releases(
            Indicators indicators,
            org.tributary.aggregator.indicators.RegionalCatalogues catalogues,
            JdbcClient jdbc,
            TransactionTemplate tx,
            JsonMapper json,
            AggregatorProperties properties,
            Clock clock,
            Witness witness,
            AggregatorSigner signer,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.witness = witness;
        this.signer = signer;
        this.indicators = indicators;
        this.catalogues = catalogues;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A stored release with its datasets and, for releases signed by the aggregator, its attestation: the signed
     * statement, and the node answers it was computed from.
     */
    public record StoredRelease(
            ReleaseSummary release, Provenance provenance, List<Dataset> datasets, Attestation attestation) {

        /**
         * How each dataset was protected, in the datasets' order: derived from them (never signed itself: the
         * statement signs the provenance it is read from), so that the verifiable file says it in plain words too.
         */
        @com.fasterxml.jackson.annotation.JsonProperty("protection")
        public List<org.tributary.aggregator.export.Protection> protection() {
            return datasets.stream()
                    .map(d -> org.tributary.aggregator.export.Protection.of(d, release.number()))
                    .toList();
        }
    }

    /**
     * What makes a release verifiable by anyone: the aggregator's signed statement over the release (its values,
     * provenance, the nodes' receipts and the checkpoints that cover them), the aggregator's public key, and each
     * node's catalogue release as the node sent it (its receipt names its digest).
     */
    public record Attestation(
            tools.jackson.databind.JsonNode statement,
            String signature,
            String keyId,
            String publicKey,
            Map<String, tools.jackson.databind.JsonNode> sources) {}

    /** Computes, signs and stores the next release; its duration is recorded by outcome ({@code tributary.release}). */
    public ReleaseSummary run(String trigger, String requestedBy) {
        var sample = io.micrometer.core.instrument.Timer.start(meters);
        String outcome = "failed";
        try {
            ReleaseSummary summary = compute(trigger, requestedBy);
            outcome = "stored";
            return summary;
        } finally {
            sample.stop(io.micrometer.core.instrument.Timer.builder("tributary.release")
                    .description("Regional releases: time to compute, sign and store one, by outcome")
                    .tag("outcome", outcome)
                    .tag("trigger", trigger == null ? "unknown" : trigger)
                    .register(meters));
        }
    }

    private ReleaseSummary compute(String trigger, String requestedBy) {
        // To the microsecond, as PostgreSQL keeps it: the signed statement and the stored release say the same time.
        Instant started = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // One snapshot of every node's catalogue release: each indicator of the release reads the same tables.
        var catalogue = catalogues.fetch();
        // The receipts of this snapshot are checked against fresh checkpoints, which the release then carries.
        witness.checkAll();
        List<Dataset> datasets = new ArrayList<>();
        for (String id : indicators.ids()) {
            datasets.add(indicators.compute(id, null, null, BREAKDOWN, catalogue));
        }
        Provenance provenance = tookPart(datasets);
        if (provenance.nodesAnswered() < properties.minContributingNodes()
                || nodesWithTables(datasets) < properties.minContributingNodes()) {
            throw new ProblemException(
                    ProblemType.UPSTREAM_UNAVAILABLE,
                    "Too few country nodes took part with tables (" + provenance.nodesAnswered() + " of "
                            + provenance.nodesAsked() + ", at least " + properties.minContributingNodes()
                            + " needed): no release was stored.");
        }
        ReleaseSummary summary =
                tx.execute(status -> store(trigger, requestedBy, started, provenance, datasets, catalogue));
        log.info(
                "Release {} stored ({}, {} indicators, {} of {} nodes answered)",
                summary.number(),
                trigger,
                datasets.size(),
                provenance.nodesAnswered(),
                provenance.nodesAsked());
        return summary;
    }

    /**
     * The release's provenance: a node took part when it answered every question, with a table or with its policy's
     * refusal (a refusal is the node working as its agency wants; each dataset still shows it). A node that timed
     * out, could not be reached or was not asked for any question makes the release partial.
     */
    static Provenance tookPart(List<Dataset> datasets) {
        return Provenance.merge(datasets.stream().map(Dataset::provenance).toList(), r -> {
            boolean answered = r.ok() || NodeStatus.REFUSED.code().equals(r.status());
            return answered
                    ? new NodeReport(
                            r.nodeId(),
                            r.country(),
                            NodeStatus.OK.code(),
                            null,
                            r.policyVersion(),
                            r.releasedAt(),
                            r.mode(),
                            r.threshold(),
                            r.releasePeriod(),
                            null,
                            r.roundingBase())
                    : r;
        });
    }

    /** Nodes that released a table for at least one question: a release of refusals only is no release. */
    /** The advisory lock key under which release numbers are taken ("tributary-release" in ASCII, truncated). */
    static final long RELEASE_NUMBER_LOCK = 0x7472696275746172L;

    static long nodesWithTables(List<Dataset> datasets) {
        return datasets.stream()
                .flatMap(d -> d.provenance().nodes().stream())
                .filter(NodeReport::ok)
                .map(NodeReport::nodeId)
                .distinct()
                .count();
    }

    private ReleaseSummary store(
            String trigger,
            String requestedBy,
            Instant createdAt,
            Provenance provenance,
            List<Dataset> datasets,
            org.tributary.aggregator.federation.RegionalCatalogue catalogue) {
        // Numbers are gapless: the next one is taken under one lock every writer takes (an advisory lock: the
        // application's role may only insert into the table, and a table lock would need more), in the transaction
        // that writes it.
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(RELEASE_NUMBER_LOCK)
                .query(Object.class)
                .single();
        long number = jdbc.sql("select coalesce(max(number), 0) + 1 from regional_release")
                .query(Long.class)
                .single();
        jdbc.sql("""
                insert into regional_release
                  (number, created_at, trigger, requested_by, partial, nodes_asked, nodes_answered, provenance)
                values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(
                        number,
                        Timestamp.from(createdAt),
                        trigger,
                        requestedBy,
                        provenance.partial(),
                        provenance.nodesAsked(),
                        provenance.nodesAnswered(),
                        json.writeValueAsString(provenance))
                .update();
        for (int i = 0; i < datasets.size(); i++) {
            jdbc.sql("insert into regional_release_dataset (release_number, position, indicator_id, body)"
                            + " values (?, ?, ?, ?::jsonb)")
                    .params(number, i, datasets.get(i).id(), json.writeValueAsString(datasets.get(i)))
                    .update();
        }
        attest(number, createdAt, trigger, provenance, datasets, catalogue);
        return summary(number).orElseThrow();
    }

    /**
     * Signs the release: a statement over its values and provenance, the receipts of the node answers it was
     * computed from (kept beside it) and, per node, the newest checkpoint the witness holds with the entries from
     * the receipt's entry to it. Written in the release's transaction.
     */
    private void attest(
            long number,
            Instant createdAt,
            String trigger,
            Provenance provenance,
            List<Dataset> datasets,
            org.tributary.aggregator.federation.RegionalCatalogue catalogue) {
        List<Object> sources = new ArrayList<>();
        List<Object> checkpoints = new ArrayList<>();
        for (var reply : catalogue.replies()) {
            if (reply.receipt() == null || reply.body() == null) {
                continue;
            }
            var receipt = reply.receipt();
            jdbc.sql("insert into node_release_body (digest, node_id, body, received_at) values (?, ?, ?, ?)"
                            + " on conflict (digest) do nothing")
                    .params(receipt.releasedDigest(), reply.nodeId(), reply.body(), Timestamp.from(createdAt))
                    .update();
            jdbc.sql("insert into regional_release_source (release_number, node_id, receipt, body_digest)"
                            + " values (?, ?, ?, ?)")
                    .params(number, reply.nodeId(), CanonicalJson.text(receipt.toMap()), receipt.releasedDigest())
                    .update();
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("nodeId", reply.nodeId());
            source.put("country", reply.country());
            source.put("receipt", receipt.toMap());
            sources.add(source);
            witness.checkpointCovering(reply.nodeId(), receipt.headSeq()).ifPresent(text -> {
                Map<String, Object> checkpoint = plain(text);
                long seq = ((Number) checkpoint.get("seq")).longValue();
                List<Object> proof = new ArrayList<>();
                for (var e : witness.mirroredProof(reply.nodeId(), receipt.seq(), seq)) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("seq", e.seq());
                    if (e.contentDigest() != null) {
                        entry.put("contentDigest", e.contentDigest());
                    } else {
                        entry.put("legacyHash", e.legacyHash());
                    }
                    proof.add(entry);
                }
                Map<String, Object> covered = new LinkedHashMap<>();
                covered.put("nodeId", reply.nodeId());
                covered.put("checkpoint", checkpoint);
                covered.put("proofFromReceiptEntry", proof);
                checkpoints.add(covered);
            });
        }
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("type", STATEMENT_TYPE);
        statement.put("version", 1);
        statement.put("number", number);
        statement.put("createdAt", createdAt.toString());
        statement.put("trigger", trigger);
        statement.put("provenance", plain(json.writeValueAsString(provenance)));
        statement.put("datasets", plainList(json.writeValueAsString(datasets)));
        statement.put("sources", sources);
        statement.put("checkpoints", checkpoints);
        statement.put("keyId", signer.key().keyId());
        String signature = signer.key().signCanonical(statement);
        jdbc.sql("insert into regional_release_attestation (release_number, statement, key_id, signature)"
                        + " values (?, ?, ?, ?)")
                .params(number, CanonicalJson.text(statement), signer.key().keyId(), signature)
                .update();
    }

    /** What a signed release's downloads carry: its signature and the node receipts; null for an unsigned one. */
    @SuppressWarnings("unchecked")
    static org.tributary.aggregator.export.ExportSignature signature(StoredRelease stored) {
        Attestation a = stored.attestation();
        if (a == null) {
            return null;
        }
        List<org.tributary.aggregator.export.ExportSignature.NodeReceipt> receipts = new ArrayList<>();
        Map<String, Object> statement = (Map<String, Object>) PLAIN.convertValue(a.statement(), Map.class);
        for (Object o : (List<Object>) statement.getOrDefault("sources", List.of())) {
            Map<String, Object> source = (Map<String, Object>) o;
            var receipt = org.tributary.common.integrity.Receipt.fromMap((Map<String, Object>) source.get("receipt"));
            receipts.add(new org.tributary.aggregator.export.ExportSignature.NodeReceipt(
                    (String) source.get("nodeId"),
                    receipt.keyId(),
                    receipt.seq(),
                    receipt.releasedDigest(),
                    receipt.encode()));
        }
        return new org.tributary.aggregator.export.ExportSignature(
                stored.release().number(),
                a.keyId(),
                a.signature(),
                org.tributary.common.integrity.Digests.canonical(statement),
                receipts);
    }

    /** Reads trees as they are, null members included. */
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    /** What a signed release statement says it is. */
    public static final String STATEMENT_TYPE = "tributary-regional-release";

    @SuppressWarnings("unchecked")
    private Map<String, Object> plain(String jsonText) {
        return json.readValue(jsonText, Map.class);
    }

    @SuppressWarnings("unchecked")
    private List<Object> plainList(String jsonText) {
        return json.readValue(jsonText, List.class);
    }

    /** A stored release's attestation, or empty for a release stored before releases were signed. */
    Optional<Attestation> attestation(long number) {
        return jdbc.sql("select statement, key_id, signature from regional_release_attestation where"
                        + " release_number = ?")
                .param(number)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .optional()
                .map(row -> {
                    // Trees, not maps: written exactly as signed (a map's null members would be left out).
                    Map<String, tools.jackson.databind.JsonNode> sources = new LinkedHashMap<>();
                    jdbc.sql("select s.node_id, b.body from regional_release_source s join node_release_body b"
                                    + " on b.digest = s.body_digest where s.release_number = ? order by s.node_id")
                            .param(number)
                            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                            .list()
                            .forEach(source -> sources.put(source[0], json.readTree(source[1])));
                    return new Attestation(
                            json.readTree(row[0]),
                            row[2],
                            row[1],
                            signer.key().keyId().equals(row[1]) ? signer.key().publicKey() : null,
                            sources);
                });
    }

    public List<ReleaseSummary> list() {
        return jdbc.sql("select number from regional_release order by number desc").query(Long.class).list().stream()
                .map(n -> summary(n).orElseThrow())
                .toList();
    }

    public Optional<StoredRelease> get(long number) {
        return summary(number).map(summary -> {
            Provenance provenance = json.readValue(
                    jdbc.sql("select provenance::text from regional_release where number = ?")
                            .param(number)
                            .query(String.class)
                            .single(),
                    Provenance.class);
            List<Dataset> datasets = jdbc
                    .sql("select body::text from regional_release_dataset where release_number = ? order by position")
                    .param(number)
                    .query(String.class)
                    .list()
                    .stream()
                    .map(body -> json.readValue(body, Dataset.class))
                    .toList();
            return new StoredRelease(
                    summary, provenance, datasets, attestation(number).orElse(null));
        });
    }

    private Optional<ReleaseSummary> summary(long number) {
        List<String> ids = jdbc.sql(
                        "select indicator_id from regional_release_dataset where release_number = ? order by position")
                .param(number)
                .query(String.class)
                .list();
        return jdbc.sql("""
                select number, created_at, trigger, requested_by, partial, nodes_asked, nodes_answered
                from regional_release where number = ?""")
                .param(number)
                .query((rs, i) -> new ReleaseSummary(
                        rs.getLong("number"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("trigger"),
                        rs.getString("requested_by"),
                        rs.getBoolean("partial"),
                        rs.getInt("nodes_asked"),
                        rs.getInt("nodes_answered"),
                        ids))
                .optional();
    }
}

package org.tributary.node.release;

import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.RefusalReason;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.federation.CatalogueTable;
import org.tributary.common.federation.CatalogueTables;
import org.tributary.common.federation.CountQueryRequest;
import org.tributary.common.federation.DimensionInfo;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.NodeCapabilities;
import org.tributary.common.federation.NodeCatalogue;
import org.tributary.common.integrity.Receipt;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;
import org.tributary.node.audit.AuditCheckpoints;
import org.tributary.node.audit.AuditLog;
import org.tributary.node.audit.NodeSigner;
import org.tributary.node.auth.Requesters;
import org.tributary.node.config.NodeProperties;
import org.tributary.node.policy.PolicyService;
import org.tributary.support.web.Problems;

/**
 * The federation release API (contract version 2): the only door through which anything leaves a node, and it lets
 * out protected counts only. Kept under {@code /federation/**}, apart from the national staff's {@code /api/**}.
 *
 * <ul>
 *   <li>{@code GET catalogue-release}: the period's catalogue release, the same for every reader;
 *   <li>{@code POST count-queries}: an ad-hoc query, under differential privacy, for the person whose token comes
 *       with it, against their budget and the node's;
 *   <li>{@code GET budget}: what that person and everyone may still spend this period;
 *   <li>{@code GET checkpoint} and {@code GET audit-proof}: the signed head of the audit chain and the entries'
 *       digests between two heads, for whoever keeps the node to its history.
 * </ul>
 *
 * <p>Every answer that the audit log records carries a signed {@link Receipt} in the {@value Receipt#HEADER}
 * header.
 */
@RestController
class FederationController {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FederationController.class);

    private final AdHocQueries adHoc;
    private final AdHocGate gate;
    private final CatalogueReleases catalogue;
    private final ReleasePeriods periods;
    private final PolicyService policies;
    private final Requesters requesters;
    private final NodeProperties node;
    private final ReleaseProperties release;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;
    private final NodeSigner signer;

    private final org.tributary.node.metrics.NodeMetrics metrics;

    FederationController(
            AdHocQueries adHoc,
            AdHocGate gate,
            CatalogueReleases catalogue,
            ReleasePeriods periods,
            PolicyService policies,
            Requesters requesters,
            NodeProperties node,
            ReleaseProperties release,
            JdbcClient jdbc,
            AuditLog audit,
            AuditCheckpoints checkpoints,
            NodeSigner signer,
            org.tributary.node.metrics.NodeMetrics metrics) {
        this.metrics = metrics;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.adHoc = adHoc;
        this.gate = gate;
        this.catalogue = catalogue;
        this.periods = periods;
        this.policies = policies;
        this.requesters = requesters;
        this.node = node;
        this.release = release;
        this.jdbc = jdbc;
    }

    @GetMapping(FederationContract.CATALOGUE)
    NodeCatalogue catalogue() {
        var policy = policies.current().policy();
        List<DimensionInfo> dims = Arrays.stream(Dimension.values())
                .filter(d -> policy.allowedDimensions().contains(d.name()))
                .map(d -> new DimensionInfo(d.name(), d.multiResponse, d.codes, List.copyOf(d.exclusiveCodes())))
                .toList();
        List<String> tables = CatalogueTables.all().stream()
                .filter(t -> policy.allowedDimensions().containsAll(t.dimensions())
                        && policy.allowedDimensions().containsAll(t.filters().keySet()))
                .map(CatalogueTable::id)
                .toList();
        return new NodeCatalogue(
                FederationContract.VERSION, nodeId(), policy.version(), policy.maxDimensions(), dims, tables);
    }

    @GetMapping(FederationContract.CAPABILITIES)
    NodeCapabilities capabilities() {
        var policy = policies.current().policy();
        String schema = jdbc.sql("select max(version::int)::text from flyway_schema_history where success")
                .query(String.class)
                .single();
        return new NodeCapabilities(
                FederationContract.VERSION,
                nodeId(),
                node.country(),
                node.name(),
                schema,
                policy.version(),
                policy.mode(),
                policy.adHocMode(),
                !policy.killSwitch(),
                periods.current().id(),
                signer.publicKey());
    }

    @GetMapping(FederationContract.CATALOGUE_RELEASE)
    ResponseEntity<CatalogueRelease> catalogueRelease() {
        var served = catalogue.served();
        metrics.answered(org.tributary.node.metrics.NodeMetrics.Kind.CATALOGUE);
        return ResponseEntity.ok()
                .header(Receipt.HEADER, served.receipt().encode())
                .body(served.release());
    }

    /** The audit chain's head, signed now (and kept when it moved on). */
    @GetMapping(FederationContract.CHECKPOINT)
    Map<String, Object> checkpoint() {
        return checkpoints.current().toMap();
    }

    /**
     * A consistency proof: the content digests of entries {@code from+1 .. to} (at most {@value #MAX_PROOF} at a
     * time; {@code complete} says whether {@code to} was reached), and the checkpoints kept in that range.
     */
    @GetMapping(FederationContract.AUDIT_PROOF)
    ResponseEntity<?> auditProof(@RequestParam long from, @RequestParam long to) {
        if (from < 0 || to < from || to - from > 100_000_000L) {
            return ResponseEntity.status(400)
                    .body(Problems.withErrors(
                            Problems.of(ProblemType.VALIDATION, 400, "The proof's range is not valid."),
                            List.of(FieldError.of("to", Long.toString(to), "must be at least from, and from >= 0"))));
        }
        var entries = audit.proof(from, to, MAX_PROOF);
        List<Map<String, Object>> out = new java.util.ArrayList<>(entries.size());
        for (var e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            if (e.contentDigest() != null) {
                m.put("contentDigest", e.contentDigest());
            } else {
                m.put("legacyHash", e.legacyHash());
            }
            out.add(m);
        }
        long reached =
                entries.isEmpty() ? from : entries.get(entries.size() - 1).seq();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contractVersion", FederationContract.VERSION);
        body.put("nodeId", nodeId());
        body.put("from", from);
        body.put("to", reached);
        body.put("complete", reached >= to || entries.size() < MAX_PROOF);
        body.put("entries", out);
        return ResponseEntity.ok(body);
    }

    static final int MAX_PROOF = 10_000;

    @GetMapping(FederationContract.BUDGET)
    ResponseEntity<?> budget(
            @RequestHeader(value = FederationContract.REQUESTER_TOKEN_HEADER, required = false) String requesterToken) {
        var requester = requesters.verify(requesterToken);
        if (requester.isEmpty()) {
            return refusal(RefusalReason.REQUESTER_UNVERIFIED, "requester", null);
        }
        return ResponseEntity.ok(adHoc.budget(requester.get()));
    }

    @PostMapping(path = FederationContract.COUNT_QUERIES, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> countQuery(
            @Valid @RequestBody CountQueryRequest request,
            @RequestHeader(value = FederationContract.REQUESTER_TOKEN_HEADER, required = false) String requesterToken) {
        var requester = requesters.verify(requesterToken);
        if (requester.isEmpty()) {
            metrics.refused(org.tributary.node.metrics.NodeMetrics.Kind.AD_HOC, RefusalReason.REQUESTER_UNVERIFIED);
            return refusal(RefusalReason.REQUESTER_UNVERIFIED, "requester", null);
        }
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        if (request.filters() != null) {
            request.filters().forEach((k, v) -> filters.put(k, v == null ? Set.of() : new HashSet<>(v)));
        }
        var query = new CountQuery(request.dimensions(), filters, request.yearFrom(), request.yearTo());
        AdHocQueries.Answer answer = gate.through(() -> adHoc.answer(query, requester.get(), requesters.client()));
        if (answer instanceof AdHocQueries.Refused refused) {
            LOG.info("Ad-hoc count query refused: {}", refused.reason());
            metrics.refused(org.tributary.node.metrics.NodeMetrics.Kind.AD_HOC, refused.reason());
            var response = refusal(refused.reason(), refused.detail(), refused.budget());
            return refused.receipt() == null
                    ? response
                    : ResponseEntity.status(response.getStatusCode())
                            .header(Receipt.HEADER, refused.receipt().encode())
                            .body(response.getBody());
        }
        var answered = (AdHocQueries.Answered) answer;
        LOG.info("Ad-hoc count query answered");
        metrics.answered(org.tributary.node.metrics.NodeMetrics.Kind.AD_HOC);
        return ResponseEntity.ok()
                .header(Receipt.HEADER, answered.receipt().encode())
                .body(answered.table());
    }

    /** A refusal as a problem: the reason's fixed sentence, its code, and the budget that remains where it applies. */
    static ResponseEntity<ProblemDetail> refusal(RefusalReason reason, String detail, Object budget) {
        ProblemType type = switch (reason) {
            case RELEASE_DISABLED -> ProblemType.RELEASE_DISABLED;
            case AD_HOC_NOT_OFFERED -> ProblemType.AD_HOC_NOT_OFFERED;
            case BUDGET_EXHAUSTED -> ProblemType.BUDGET_EXHAUSTED;
            case REQUESTER_UNVERIFIED -> ProblemType.FORBIDDEN;
            default -> reason.status() == 422 ? ProblemType.QUERY_REFUSED : ProblemType.VALIDATION;
        };
        ProblemDetail problem = Problems.of(type, reason.status(), reason.sentence());
        problem.setProperty("reason", reason.name());
        if (reason == RefusalReason.AD_HOC_NOT_OFFERED) {
            problem.setProperty("catalogueRelease", FederationContract.CATALOGUE_RELEASE);
        }
        if (budget != null) {
            problem.setProperty("budget", budget);
        }
        if (reason.status() == 400) {
            Problems.withErrors(problem, List.of(FieldError.of("query", detail, reason.sentence())));
        }
        return ResponseEntity.status(reason.status()).body(problem);
    }

    private String nodeId() {
        return ReleaseConfiguration.nodeId(release, node);
    }
}

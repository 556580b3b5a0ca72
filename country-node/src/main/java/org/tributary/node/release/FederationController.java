package org.tributary.node.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.Release;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;
import org.tributary.node.config.NodeProperties;
import org.tributary.node.policy.PolicyService;
import org.tributary.node.web.CurrentActor;
import org.tributary.node.web.Problems;

/**
 * The federation release API: the only door through which anything leaves a node, and it lets out protected
 * counts only. Kept under {@code /federation/**}, apart from the national staff's {@code /api/**}.
 */
@RestController
@RequestMapping("/federation/v1")
class FederationController {

    private final ReleaseService releases;
    private final PolicyService policies;
    private final NodeProperties node;
    private final ReleaseProperties release;
    private final JdbcClient jdbc;
    private final CurrentActor actor;

    FederationController(
            ReleaseService releases,
            PolicyService policies,
            NodeProperties node,
            ReleaseProperties release,
            JdbcClient jdbc,
            CurrentActor actor) {
        this.releases = releases;
        this.policies = policies;
        this.node = node;
        this.release = release;
        this.jdbc = jdbc;
        this.actor = actor;
    }

    record DimensionView(String id, boolean multiResponse, List<String> codes) {}

    record IndicatorView(String id, String title, List<String> dimensions) {}

    record Catalogue(
            String nodeId,
            long policyVersion,
            int maxDimensions,
            List<DimensionView> dimensions,
            List<IndicatorView> indicators) {}

    record Capabilities(
            String nodeId,
            String country,
            String name,
            String schemaVersion,
            long policyVersion,
            ReleaseMode mode,
            boolean releasesEnabled) {}

    /** Names and codes are short words of the catalogue; anything else is refused before it is logged. */
    static final String WORD = "[\\p{Alnum}_+<>.\\-]{1,64}";

    record CountQueryRequest(
            @NotNull @Size(max = 10) List<@NotNull @Pattern(regexp = WORD) String> dimensions,

            @Size(max = 20)
            Map<
                            @NotNull @Pattern(regexp = WORD) String,
                            @NotNull @Size(min = 1, max = 300) List<@NotNull @Pattern(regexp = WORD) String>>
                    filters,

            Integer yearFrom,
            Integer yearTo) {}

    record CellView(Map<String, String> coordinates, Long value, Boolean suppressed) {}

    record CountQueryResponse(Map<String, Object> metadata, List<CellView> cells) {}

    @GetMapping("/catalogue")
    Catalogue catalogue() {
        var policy = policies.current().policy();
        List<DimensionView> dims = java.util.Arrays.stream(Dimension.values())
                .filter(d -> policy.allowedDimensions().contains(d.name()))
                .map(d -> new DimensionView(d.name(), d.multiResponse, d.codes))
                .toList();
        List<IndicatorView> indicators = java.util.Arrays.stream(Indicator.values())
                .filter(i -> policy.allowedDimensions().containsAll(i.dimensions))
                .map(i -> new IndicatorView(i.id, i.title, i.dimensions))
                .toList();
        return new Catalogue(nodeId(), policy.version(), policy.maxDimensions(), dims, indicators);
    }

    @GetMapping("/capabilities")
    Capabilities capabilities() {
        var policy = policies.current().policy();
        String schema = jdbc.sql("select max(version::int)::text from flyway_schema_history where success")
                .query(String.class)
                .single();
        return new Capabilities(
                nodeId(), node.country(), node.name(), schema, policy.version(), policy.mode(), !policy.killSwitch());
    }

    @PostMapping(path = "/count-queries", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> countQuery(@Valid @RequestBody CountQueryRequest request) {
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        if (request.filters() != null) {
            request.filters().forEach((k, v) -> filters.put(k, v == null ? Set.of() : new HashSet<>(v)));
        }
        var query = new CountQuery(request.dimensions(), filters, request.yearFrom(), request.yearTo());
        Release answer = releases.answer(query, actor.name());
        if (answer instanceof Release.Refusal refusal) {
            ProblemType type = switch (refusal.reason().status()) {
                case 503 -> ProblemType.RELEASE_DISABLED;
                case 422 -> ProblemType.QUERY_REFUSED;
                default -> ProblemType.VALIDATION;
            };
            ProblemDetail problem = Problems.of(
                    type, refusal.reason().status(), refusal.reason().sentence());
            problem.setProperty("reason", refusal.reason().name());
            if (refusal.reason().status() == 400) {
                Problems.withErrors(
                        problem,
                        List.of(FieldError.of(
                                "query", refusal.detail(), refusal.reason().sentence())));
            }
            return ResponseEntity.status(refusal.reason().status()).body(problem);
        }
        var table = (Release.Table) answer;
        var md = table.metadata();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("nodeId", md.nodeId());
        metadata.put("policyVersion", md.policyVersion());
        metadata.put("mode", md.mode());
        metadata.put("threshold", md.threshold());
        metadata.put("roundingBase", md.roundingBase());
        metadata.put("releasedAt", md.releasedAt());
        metadata.put("dimensions", md.dimensions());
        metadata.put("multiResponseDimensions", md.multiResponseDimensions());
        metadata.put("totalCode", ReleaseService.TOTAL);
        metadata.put("absentCellsAreZero", !md.zerosSuppressed());
        List<CellView> cells = table.cells().stream()
                .map(c -> {
                    Map<String, String> coordinates = new LinkedHashMap<>();
                    for (int i = 0; i < md.dimensions().size(); i++) {
                        String code = c.coordinates().get(i);
                        coordinates.put(md.dimensions().get(i), code == null ? ReleaseService.TOTAL : code);
                    }
                    return new CellView(coordinates, c.value(), c.suppressed() ? Boolean.TRUE : null);
                })
                .toList();
        return ResponseEntity.ok(new CountQueryResponse(metadata, cells));
    }

    private String nodeId() {
        return ReleaseConfiguration.nodeId(release, node);
    }
}

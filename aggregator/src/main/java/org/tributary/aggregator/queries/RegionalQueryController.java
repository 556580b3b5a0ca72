package org.tributary.aggregator.queries;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.aggregator.federation.NodeReply;
import org.tributary.aggregator.federation.RegionalAnswer;
import org.tributary.aggregator.federation.RegionalQueries;
import org.tributary.aggregator.regional.CrossTabs;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.NodeAnswer;
import org.tributary.aggregator.regional.Unit;
import org.tributary.aggregator.web.DatasetResponses;
import org.tributary.common.federation.BudgetStatus;
import org.tributary.common.federation.CountQueryRequest;

/**
 * Ad-hoc regional cross-tabs: the same question to every node, for the analyst asking — their own token goes with
 * it, so that each node verifies who asks and answers under differential privacy against that analyst's budget and
 * its own. Every question is logged (who, what, when, what each node did).
 */
@RestController
@RequestMapping("/api/regional")
class RegionalQueryController {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegionalQueryController.class);

    private final RegionalQueries queries;
    private final QueryValidator validator;
    private final DatasetResponses responses;
    private final QueryLog log;

    RegionalQueryController(
            RegionalQueries queries, QueryValidator validator, DatasetResponses responses, QueryLog log) {
        this.queries = queries;
        this.validator = validator;
        this.responses = responses;
        this.log = log;
    }

    @PostMapping(path = "/queries", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> ask(
            @Valid @RequestBody CountQueryRequest request,
            @RequestParam(required = false) String format,
            @RequestHeader(value = "Accept", required = false) List<String> accept,
            @AuthenticationPrincipal Jwt analyst) {
        var format0 = responses.negotiate(format, accept);
        validator.check("dimensions", request.dimensions(), request.filters(), request.yearFrom(), request.yearTo());
        RegionalAnswer answer = queries.ask(request, analyst.getTokenValue());
        Map<String, String> statuses = new LinkedHashMap<>();
        for (NodeAnswer a : answer.answers()) {
            statuses.put(a.nodeId(), a.status().code());
        }
        log.record(analyst.getSubject(), "count-query", canonical(request), statuses);
        LOG.info("Regional count query: node statuses {}", statuses.values());
        var dataset = new Dataset(
                "query",
                "Regional cross-tab of "
                        + (request.dimensions().isEmpty() ? "all persons" : String.join(" × ", request.dimensions())),
                Unit.PERSONS,
                new ArrayList<>(request.dimensions()),
                request.yearFrom(),
                request.yearTo(),
                CrossTabs.observations(answer.lookup()),
                answer.provenance());
        return responses.render(List.of(dataset), format0, "regional-query");
    }

    /** One node's budget for the analyst, or why it did not say. */
    record NodeBudget(String nodeId, String country, String status, String reason, BudgetStatus budget) {}

    @GetMapping("/budget")
    List<NodeBudget> budget(@AuthenticationPrincipal Jwt analyst) {
        List<NodeBudget> out = new ArrayList<>();
        for (NodeReply r : queries.budgets(analyst.getTokenValue())) {
            out.add(new NodeBudget(r.nodeId(), r.country(), r.status().code(), r.reason(), r.budget()));
        }
        return out;
    }

    static String canonical(CountQueryRequest q) {
        return "dimensions=" + q.dimensions() + ";filters=" + (q.filters() == null ? "{}" : new TreeMap<>(q.filters()))
                + ";years=" + q.yearFrom() + ".." + q.yearTo();
    }
}

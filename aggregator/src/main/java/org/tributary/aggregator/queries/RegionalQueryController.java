package org.tributary.aggregator.queries;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.federation.RegionalAnswer;
import org.tributary.aggregator.federation.RegionalQueries;
import org.tributary.aggregator.regional.AreaValue;
import org.tributary.aggregator.regional.CrossTabs;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.Unit;
import org.tributary.aggregator.web.DatasetResponses;
import org.tributary.common.disclosure.CountQuery;

/** Ad-hoc protected cross-tabs over the region: the same count query to every node, combined. */
@RestController
@RequestMapping("/api/regional/queries")
class RegionalQueryController {

    /** Names and codes are short catalogue words; anything else is refused before it reaches a node or a log. */
    static final String WORD = "[\\p{Alnum}_+<>.\\-]{1,64}";

    private final RegionalQueries queries;
    private final QueryValidator validator;
    private final AggregatorProperties properties;
    private final DatasetResponses responses;

    RegionalQueryController(
            RegionalQueries queries,
            QueryValidator validator,
            AggregatorProperties properties,
            DatasetResponses responses) {
        this.queries = queries;
        this.validator = validator;
        this.properties = properties;
        this.responses = responses;
    }

    record RegionalQueryRequest(
            @NotNull @Size(max = 10) List<@NotNull @Pattern(regexp = WORD) String> dimensions,

            @Size(max = 20)
            Map<
                            @NotNull @Pattern(regexp = WORD) String,
                            @NotNull @Size(min = 1, max = 300) List<@NotNull @Pattern(regexp = WORD) String>>
                    filters,

            Integer yearFrom,
            Integer yearTo) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> ask(
            @Valid @RequestBody RegionalQueryRequest request,
            @RequestParam(required = false) String format,
            @RequestHeader(value = "Accept", required = false) List<String> accept) {
        var format0 = responses.negotiate(format, accept);
        validator.check("dimensions", request.dimensions(), request.filters(), request.yearFrom(), request.yearTo());
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        if (request.filters() != null) {
            request.filters().forEach((k, v) -> filters.put(k, new LinkedHashSet<>(v)));
        }
        var query = new CountQuery(request.dimensions(), filters, request.yearFrom(), request.yearTo());
        RegionalAnswer answer = queries.ask(query);
        var lookup = new AreaValue.Lookup(
                properties.region().code(), properties.minContributingNodes(), answer.answers(), answer.table());
        var dataset = new Dataset(
                "query",
                "Regional cross-tab of "
                        + (request.dimensions().isEmpty() ? "all persons" : String.join(" × ", request.dimensions())),
                Unit.PERSONS,
                new ArrayList<>(request.dimensions()),
                request.yearFrom(),
                request.yearTo(),
                CrossTabs.observations(lookup),
                answer.provenance());
        return responses.render(List.of(dataset), format0, "regional-query");
    }
}

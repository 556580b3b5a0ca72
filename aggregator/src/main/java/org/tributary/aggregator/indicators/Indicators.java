package org.tributary.aggregator.indicators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.federation.RegionalAnswer;
import org.tributary.aggregator.federation.RegionalQueries;
import org.tributary.aggregator.nodes.NodeCatalogue;
import org.tributary.aggregator.queries.QueryValidator;
import org.tributary.aggregator.regional.AreaValue;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.NodeReport;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.aggregator.web.ProblemException;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;

/** Computes regional indicators: each series asked of every node, combined, turned into counts or shares. */
@Service
public class Indicators {

    private final RegionalQueries queries;
    private final QueryValidator validator;
    private final AggregatorProperties properties;

    Indicators(RegionalQueries queries, QueryValidator validator, AggregatorProperties properties) {
        this.queries = queries;
        this.validator = validator;
        this.properties = properties;
    }

    /** An indicator as the catalogue lists it. */
    public record IndicatorInfo(String id, String title, String description, String unit, List<String> dimensions) {}

    public List<IndicatorInfo> catalogue() {
        return IndicatorCatalogue.all().stream().map(Indicators::info).toList();
    }

    public List<String> ids() {
        return IndicatorCatalogue.all().stream().map(IndicatorDefinition::id).toList();
    }

    /** The indicator over the region; 400 for an unknown indicator or an unusable breakdown. */
    public Dataset compute(String id, Integer yearFrom, Integer yearTo, List<String> breakdown) {
        IndicatorDefinition indicator = IndicatorCatalogue.byId(id)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.VALIDATION,
                        "Unknown indicator.",
                        List.of(FieldError.of("id", id, "is no indicator; known: " + String.join(", ", ids())))));
        checkBreakdown(indicator, breakdown);
        validator.check("breakdown", breakdown, Map.of(), yearFrom, yearTo);

        List<Observation> observations = new ArrayList<>();
        List<Provenance> provenances = new ArrayList<>();
        Set<String> dimensions = new LinkedHashSet<>(breakdown);
        for (Series series : indicator.series()) {
            List<String> asked = new ArrayList<>(series.dimensions());
            asked.addAll(breakdown);
            var query = new CountQuery(asked, series.filters(), yearFrom, yearTo);
            RegionalAnswer answer = queries.ask(query);
            var lookup = new AreaValue.Lookup(
                    properties.region().code(), properties.minContributingNodes(), answer.answers(), answer.table());
            List<Observation> part = IndicatorCalculator.observations(series, lookup);
            part.forEach(o -> dimensions.addAll(o.coordinates().keySet()));
            observations.addAll(part);
            provenances.add(answer.provenance());
        }
        return new Dataset(
                indicator.id(),
                indicator.title(),
                indicator.unit(),
                new ArrayList<>(dimensions),
                yearFrom,
                yearTo,
                observations,
                merge(provenances));
    }

    private void checkBreakdown(IndicatorDefinition indicator, List<String> breakdown) {
        NodeCatalogue catalogue = validator.catalogue();
        List<FieldError> errors = new ArrayList<>();
        for (Series series : indicator.series()) {
            for (String d : breakdown) {
                if (series.dimensions().contains(d) || series.tags().containsKey(d)) {
                    errors.add(FieldError.of("breakdown", d, "is already a dimension of this indicator"));
                }
            }
            if (series.dimensions().size() + breakdown.size() > catalogue.maxDimensions()) {
                errors.add(FieldError.of(
                        "breakdown",
                        String.join(",", breakdown),
                        "adds too many dimensions: this indicator already uses "
                                + series.dimensions().size() + " of at most " + catalogue.maxDimensions()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION,
                    "The breakdown cannot be used.",
                    errors.stream().distinct().toList());
        }
    }

    /** One provenance for several queries: a node counts as answering only if it answered every one. */
    public static Provenance merge(List<Provenance> all) {
        Provenance first = all.get(0);
        Map<String, NodeReport> nodes = new LinkedHashMap<>();
        Instant askedAt = first.askedAt();
        Instant answeredAt = first.answeredAt();
        for (Provenance p : all) {
            if (p.askedAt() != null && (askedAt == null || p.askedAt().isBefore(askedAt))) {
                askedAt = p.askedAt();
            }
            if (p.answeredAt() != null && (answeredAt == null || p.answeredAt().isAfter(answeredAt))) {
                answeredAt = p.answeredAt();
            }
            for (NodeReport r : p.nodes()) {
                nodes.merge(r.nodeId(), r, (was, now) -> was.ok() ? now : was);
            }
        }
        int answered = (int) nodes.values().stream().filter(NodeReport::ok).count();
        return new Provenance(
                first.regionCode(),
                first.regionName(),
                first.minContributingNodes(),
                askedAt,
                answeredAt,
                nodes.size(),
                answered,
                answered < nodes.size(),
                List.copyOf(nodes.values()));
    }

    private static IndicatorInfo info(IndicatorDefinition d) {
        Set<String> dims = new LinkedHashSet<>();
        d.series().forEach(s -> dims.addAll(s.dimensions()));
        return new IndicatorInfo(
                d.id(),
                d.title(),
                d.description(),
                d.unit().name().toLowerCase(java.util.Locale.ROOT),
                List.copyOf(dims));
    }
}

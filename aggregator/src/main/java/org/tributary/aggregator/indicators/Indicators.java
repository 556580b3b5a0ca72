package org.tributary.aggregator.indicators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.federation.NodeReplies;
import org.tributary.aggregator.federation.NodeReply;
import org.tributary.aggregator.federation.RegionalAssembler;
import org.tributary.aggregator.federation.RegionalCatalogue;
import org.tributary.aggregator.regional.Dataset;
import org.tributary.aggregator.regional.NodeAnswer;
import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.federation.CatalogueTable;
import org.tributary.common.federation.CatalogueTables;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.federation.TableCell;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;

/**
 * Computes regional indicators from the nodes' catalogue releases: each series reads one catalogue table of every
 * node, combined into the region's table, turned into counts or shares. Nothing is asked of the nodes per request:
 * the releases are the period's, the same for every reader.
 */
@Service
public class Indicators {

    static final String YEAR = "year";
    static final String TOTAL = FederationContract.TOTAL;

    private final RegionalCatalogues catalogues;
    private final RegionalAssembler assembler;
    private final AggregatorProperties properties;

    Indicators(RegionalCatalogues catalogues, RegionalAssembler assembler, AggregatorProperties properties) {
        this.catalogues = catalogues;
        this.assembler = assembler;
        this.properties = properties;
    }

    /**
     * Indicators computed from given catalogue releases only, with no node to ask: what a verifier recomputes a
     * release with.
     */
    public static Indicators offline(AggregatorProperties properties, java.time.Clock clock) {
        return new Indicators(null, RegionalAssembler.offline(properties, clock), properties);
    }

    /** An indicator as the catalogue lists it. */
    public record IndicatorInfo(
            String id,
            String title,
            String description,
            String unit,
            List<String> dimensions,
            List<String> breakdowns) {}

    public List<IndicatorInfo> catalogue() {
        return IndicatorCatalogue.all().stream().map(Indicators::info).toList();
    }

    public List<String> ids() {
        return IndicatorCatalogue.all().stream().map(IndicatorDefinition::id).toList();
    }

    /** The indicator over the region from the current catalogue releases; 400 for an unknown one or breakdown. */
    public Dataset compute(String id, Integer yearFrom, Integer yearTo, List<String> breakdown) {
        // Bad questions are answered before any node's release is fetched.
        definition(id);
        checkBreakdown(breakdown, yearFrom, yearTo);
        return compute(id, yearFrom, yearTo, breakdown, catalogues.current());
    }

    private IndicatorDefinition definition(String id) {
        return IndicatorCatalogue.byId(id)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.VALIDATION,
                        "Unknown indicator.",
                        List.of(FieldError.of("id", id, "is no indicator; known: " + String.join(", ", ids())))));
    }

    /** The indicator from the given catalogue releases. */
    public Dataset compute(
            String id, Integer yearFrom, Integer yearTo, List<String> breakdown, RegionalCatalogue catalogue) {
        IndicatorDefinition indicator = definition(id);
        checkBreakdown(breakdown, yearFrom, yearTo);
        boolean byYear = breakdown.contains(YEAR) || yearFrom != null || yearTo != null;

        List<Observation> observations = new ArrayList<>();
        List<Provenance> provenances = new ArrayList<>();
        Set<String> dimensions = new LinkedHashSet<>();
        if (byYear) {
            dimensions.add(YEAR);
        }
        for (Series series : indicator.series()) {
            CatalogueTable table = CatalogueTables.byId(series.table()).orElseThrow();
            List<String> kept = new ArrayList<>();
            if (byYear) {
                kept.add(YEAR);
            }
            kept.addAll(series.dimensions());
            List<NodeAnswer> answers = new ArrayList<>();
            for (NodeReply reply : catalogue.replies()) {
                answers.add(answer(reply, table, kept, yearFrom, yearTo));
            }
            var regional = assembler.answer(answers, catalogue.askedAt());
            List<Observation> part = IndicatorCalculator.observations(series, regional.lookup());
            // The series' own dimensions in their declared order, then any other (a tag, a share's output) by name:
            // an observation's coordinates are an unordered map, and the order must not depend on the JVM.
            Set<String> present = new java.util.TreeSet<>();
            part.forEach(o -> present.addAll(o.coordinates().keySet()));
            kept.stream().filter(present::contains).forEach(dimensions::add);
            dimensions.addAll(present);
            observations.addAll(part);
            provenances.add(regional.provenance());
        }
        return new Dataset(
                indicator.id(),
                indicator.title(),
                indicator.unit(),
                new ArrayList<>(dimensions),
                yearFrom,
                yearTo,
                observations,
                Provenance.merge(provenances));
    }

    /**
     * One node's part of a series: its catalogue table, read at the totals of the dimensions the series does not
     * use (and, without a year breakdown, at the total over years), or why there is none.
     */
    static NodeAnswer answer(
            NodeReply reply, CatalogueTable table, List<String> kept, Integer yearFrom, Integer yearTo) {
        if (!(reply.message() instanceof CatalogueRelease release)) {
            return NodeAnswer.failed(reply.nodeId(), reply.country(), reply.status(), reply.reason());
        }
        CatalogueRelease.Entry entry = release.tables().stream()
                .filter(e -> e.tableId().equals(table.id()))
                .findFirst()
                .orElse(null);
        if (entry == null || entry.table() == null) {
            return NodeAnswer.failed(
                    reply.nodeId(),
                    reply.country(),
                    NodeStatus.REFUSED,
                    entry == null ? "the node's catalogue release has no such table" : entry.refusal());
        }
        ReleasedTable projected = project(entry.table(), table, kept, yearFrom, yearTo);
        NodeAnswer full = NodeReplies.answer(reply, projected);
        return full.inRelease(release.releasePeriod(), release.minShareBase());
    }

    /** The table's cells at the totals of every dimension not kept, coordinates of the kept ones only. */
    static ReleasedTable project(
            ReleasedTable released, CatalogueTable table, List<String> kept, Integer yearFrom, Integer yearTo) {
        List<TableCell> cells = new ArrayList<>();
        for (TableCell c : released.cells()) {
            boolean keep = true;
            for (String d : table.dimensions()) {
                if (!kept.contains(d) && !TOTAL.equals(c.coordinates().get(d))) {
                    keep = false;
                }
            }
            if (keep && kept.contains(YEAR) && (yearFrom != null || yearTo != null)) {
                String year = c.coordinates().get(YEAR);
                keep = year.matches("\\d{4}")
                        && (yearFrom == null || Integer.parseInt(year) >= yearFrom)
                        && (yearTo == null || Integer.parseInt(year) <= yearTo);
            }
            if (keep) {
                Map<String, String> at = new LinkedHashMap<>();
                kept.forEach(d -> at.put(d, c.coordinates().get(d)));
                cells.add(new TableCell(at, c.value(), c.status(), c.standardError()));
            }
        }
        var md = released.metadata();
        var metadata = new org.tributary.common.federation.TableMetadata(
                md.contractVersion(),
                md.nodeId(),
                md.policyVersion(),
                md.releasePeriod(),
                md.mode(),
                md.threshold(),
                md.roundingBase(),
                md.releasedAt(),
                kept,
                md.multiResponseDimensions().stream().filter(kept::contains).toList(),
                md.absentCellsAreZero(),
                md.noise());
        return new ReleasedTable(metadata, cells, null);
    }

    private static void checkBreakdown(List<String> breakdown, Integer yearFrom, Integer yearTo) {
        List<FieldError> errors = new ArrayList<>();
        for (String d : breakdown) {
            if (!YEAR.equals(d)) {
                errors.add(FieldError.of(
                        "breakdown",
                        d,
                        "catalogue indicators break down by year only; ask an ad-hoc query (differentially private,"
                                + " against your budget) at /api/regional/queries for other breakdowns"));
            }
        }
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            errors.add(FieldError.of("yearTo", String.valueOf(yearTo), "is before yearFrom"));
        }
        for (Integer y : java.util.Arrays.asList(yearFrom, yearTo)) {
            if (y != null && (y < FederationContract.FIRST_YEAR || y > FederationContract.LAST_YEAR)) {
                errors.add(FieldError.of(
                        "year",
                        String.valueOf(y),
                        "must be between " + FederationContract.FIRST_YEAR + " and " + FederationContract.LAST_YEAR));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The breakdown cannot be used.", errors);
        }
    }

    private static IndicatorInfo info(IndicatorDefinition d) {
        Set<String> dims = new LinkedHashSet<>();
        d.series().forEach(s -> dims.addAll(s.dimensions()));
        return new IndicatorInfo(
                d.id(),
                d.title(),
                d.description(),
                d.unit().name().toLowerCase(java.util.Locale.ROOT),
                List.copyOf(dims),
                List.of(YEAR));
    }
}

package org.tributary.aggregator.regional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Combines protected node tables into a regional table by the contract's regional rules, using released values
 * only, so the combination adds no disclosure:
 *
 * <ul>
 *   <li>a regional cell is the sum of the countries' released values, as protected as its weakest part (exact,
 *       rounded, noisy: the standard errors of noisy parts add as variances);
 *   <li>where {@code s} countries released the cell as suppressed, the figure is the interval
 *       {@code [sum, sum + Σ(k_i − 1)]} over those countries' thresholds, labelled as an interval; a country in
 *       {@code SUPPRESSION_ONLY} mode may suppress cells of any size, so its part of the upper bound comes from its
 *       exact released margins instead ({@link SuppressedBound});
 *   <li>no figure is published from fewer than {@code minContributingNodes} answering countries;
 *   <li>every node asked is reported with its status; an answer without some of them says it is partial.
 * </ul>
 *
 * A plain class without Camel, so that it is tested on its own; the fan-out route hands it the node answers.
 */
public final class RegionalCombiner {

    public static final int DEFAULT_MIN_CONTRIBUTING_NODES = 2;

    private final int minContributingNodes;

    public RegionalCombiner(int minContributingNodes) {
        if (minContributingNodes < 1) {
            throw new IllegalArgumentException("minContributingNodes must be at least 1");
        }
        this.minContributingNodes = minContributingNodes;
    }

    public RegionalTable combine(List<NodeAnswer> answers) {
        return combined("", answers).table();
    }

    /**
     * The regional table with its lookup: each answering country's cells and the region's, by coordinates —
     * indexed once, here, and a cell no country released judged by the same rule as the released ones.
     */
    public AreaValue.Lookup combined(String regionCode, List<NodeAnswer> answers) {
        List<NodeAnswer> ok =
                answers.stream().filter(a -> a.status() == NodeStatus.OK).toList();
        Set<Map<String, String>> coordinates = new LinkedHashSet<>();
        ok.forEach(a -> a.cells().forEach(c -> coordinates.add(c.coordinates())));

        List<Map<Map<String, String>, NodeAnswer.Cell>> byNode = ok.stream()
                .map(a -> {
                    Map<Map<String, String>, NodeAnswer.Cell> index = new java.util.HashMap<>();
                    a.cells().forEach(c -> index.put(c.coordinates(), c));
                    return index;
                })
                .toList();
        List<RegionalTable.RegionalCell> cells = new ArrayList<>(coordinates.size());
        for (Map<String, String> at : coordinates) {
            cells.add(cell(at, ok, byNode));
        }
        cells.sort(Comparator.comparing(c -> new TreeMap<>(c.coordinates()).toString()));

        List<NodeReport> nodes = answers.stream()
                .map(a -> new NodeReport(
                        a.nodeId(),
                        a.country(),
                        a.status().code(),
                        a.status() == NodeStatus.OK ? null : a.reason(),
                        a.policyVersion(),
                        a.releasedAt(),
                        a.mode(),
                        a.threshold(),
                        a.releasePeriod(),
                        a.budget(),
                        a.roundingBase()))
                .toList();
        var table = new RegionalTable(cells, nodes, ok.size() < answers.size());
        return new AreaValue.Lookup(regionCode, ok, byNode, table, at -> cell(at, ok, byNode));
    }

    private RegionalTable.RegionalCell cell(
            Map<String, String> at, List<NodeAnswer> ok, List<Map<Map<String, String>, NodeAnswer.Cell>> byNode) {
        if (ok.size() < minContributingNodes) {
            return new RegionalTable.RegionalCell(
                    at, null, null, ok.size(), 0, "fewer than " + minContributingNodes + " countries answered");
        }
        long lower = 0;
        long slack = 0;
        int suppressed = 0;
        ObservationStatus status = ObservationStatus.EXACT;
        java.math.BigDecimal variance = null;
        for (int i = 0; i < ok.size(); i++) {
            NodeAnswer answer = ok.get(i);
            NodeAnswer.Cell cell = byNode.get(i).get(at);
            if (cell == null) {
                if (!answer.absentCellsAreZero()) {
                    return new RegionalTable.RegionalCell(
                            at, null, null, ok.size(), suppressed, "a country's table lacks this cell");
                }
            } else if (cell.suppressed()) {
                suppressed++;
                long bound = answer.exactMargins()
                        ? SuppressedBound.fromReleasedMargins(cell, byNode.get(i), answer)
                        : Math.max(0, answer.threshold() - 1);
                if (bound < 0) {
                    return new RegionalTable.RegionalCell(
                            at, null, null, ok.size(), suppressed, "a country's suppressed cell has no released bound");
                }
                slack += bound;
            } else {
                lower += cell.value();
                status = status.combine(statusOf(cell));
                if (cell.standardError() != null) {
                    var se = cell.standardError();
                    variance = (variance == null ? java.math.BigDecimal.ZERO : variance).add(se.multiply(se));
                }
            }
        }
        if (suppressed > 0) {
            status = ObservationStatus.INTERVAL;
        }
        java.math.BigDecimal standardError = variance == null
                ? null
                : variance.sqrt(java.math.MathContext.DECIMAL64).setScale(2, java.math.RoundingMode.HALF_UP);
        return new RegionalTable.RegionalCell(
                at, lower, lower + slack, ok.size(), suppressed, null, status, standardError);
    }

    /** A released cell's protection as an observation status. */
    public static ObservationStatus statusOf(NodeAnswer.Cell cell) {
        return switch (cell.status()) {
            case ROUNDED -> ObservationStatus.ROUNDED;
            case NOISY -> ObservationStatus.NOISY;
            case SUPPRESSED -> ObservationStatus.SUPPRESSED;
            case EXACT -> ObservationStatus.EXACT;
        };
    }
}

package org.tributary.aggregator.regional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One area's figure for one cell, read from released values only: a country's cell as its node released it, or
 * the region's combined cell.
 */
public record AreaValue(
        String area,
        Long lower,
        Long upper,
        ObservationStatus status,
        String note,
        java.math.BigDecimal standardError) {

    public AreaValue(String area, Long lower, Long upper, ObservationStatus status, String note) {
        this(area, lower, upper, status, note, null);
    }

    /** A single number (exact, rounded or noisy), not an interval, not missing. */
    public boolean exact() {
        return status == ObservationStatus.EXACT
                || status == ObservationStatus.ROUNDED
                || status == ObservationStatus.NOISY;
    }

    public long value() {
        if (!exact()) {
            throw new IllegalStateException("not a single value");
        }
        return lower;
    }

    public Observation toObservation(Map<String, String> at) {
        return switch (status) {
            case EXACT, ROUNDED, NOISY -> Observation.of(area, at, lower, status, standardError);
            case INTERVAL -> Observation.interval(area, at, lower, upper);
            case SUPPRESSED -> Observation.suppressed(area, at);
            case UNAVAILABLE -> Observation.unavailable(area, at, note);
        };
    }

    /** Index of each answering country's cells and the region's cells, looked up by coordinates. */
    public static final class Lookup {

        private final String regionCode;
        private final int minContributingNodes;
        private final List<NodeAnswer> answered;
        private final List<Map<Map<String, String>, NodeAnswer.Cell>> byCountry;
        private final Map<Map<String, String>, RegionalTable.RegionalCell> region = new HashMap<>();

        public Lookup(String regionCode, int minContributingNodes, List<NodeAnswer> answers, RegionalTable table) {
            this.regionCode = regionCode;
            this.minContributingNodes = minContributingNodes;
            this.answered =
                    answers.stream().filter(a -> a.status() == NodeStatus.OK).toList();
            this.byCountry = answered.stream()
                    .map(a -> {
                        Map<Map<String, String>, NodeAnswer.Cell> index = new HashMap<>();
                        a.cells().forEach(c -> index.put(c.coordinates(), c));
                        return index;
                    })
                    .toList();
            table.cells().forEach(c -> region.put(c.coordinates(), c));
        }

        /** The answers of the countries that answered, in the order the nodes are configured. */
        public List<NodeAnswer> answered() {
            return answered;
        }

        /** The countries that answered, in the order the nodes are configured. */
        public List<String> countries() {
            return answered.stream().map(NodeAnswer::country).toList();
        }

        public String regionCode() {
            return regionCode;
        }

        public AreaValue country(int index, Map<String, String> at) {
            NodeAnswer answer = answered.get(index);
            NodeAnswer.Cell cell = byCountry.get(index).get(at);
            if (cell == null) {
                return answer.absentCellsAreZero()
                        ? new AreaValue(answer.country(), 0L, 0L, ObservationStatus.EXACT, null)
                        : new AreaValue(
                                answer.country(),
                                null,
                                null,
                                ObservationStatus.UNAVAILABLE,
                                "not in the country's table");
            }
            if (cell.suppressed()) {
                return new AreaValue(answer.country(), null, null, ObservationStatus.SUPPRESSED, null);
            }
            return new AreaValue(
                    answer.country(),
                    cell.value(),
                    cell.value(),
                    RegionalCombiner.statusOf(cell),
                    null,
                    cell.standardError());
        }

        public AreaValue region(Map<String, String> at) {
            RegionalTable.RegionalCell cell = region.get(at);
            if (cell == null) {
                // No answering country released this cell: it is zero in each, if there are enough of them.
                if (answered.size() < minContributingNodes) {
                    return new AreaValue(
                            regionCode,
                            null,
                            null,
                            ObservationStatus.UNAVAILABLE,
                            "fewer than " + minContributingNodes + " countries answered");
                }
                if (answered.stream().anyMatch(a -> !a.absentCellsAreZero())) {
                    return new AreaValue(
                            regionCode, null, null, ObservationStatus.UNAVAILABLE, "a country's table lacks this cell");
                }
                return new AreaValue(regionCode, 0L, 0L, ObservationStatus.EXACT, null);
            }
            if (cell.lower() == null) {
                return new AreaValue(regionCode, null, null, ObservationStatus.UNAVAILABLE, cell.unpublishedReason());
            }
            return new AreaValue(
                    regionCode,
                    cell.lower(),
                    cell.upper(),
                    cell.isInterval()
                            ? ObservationStatus.INTERVAL
                            : cell.status() == null ? ObservationStatus.EXACT : cell.status(),
                    null,
                    cell.standardError());
        }

        /** Every cell's coordinates released by some country, sorted as the regional table is. */
        public List<Map<String, String>> coordinates() {
            return region.keySet().stream()
                    .sorted(java.util.Comparator.comparing(c -> new java.util.TreeMap<>(c).toString()))
                    .toList();
        }
    }
}

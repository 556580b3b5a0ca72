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

    /**
     * Each answering country's cells and the region's, looked up by coordinates: made by {@link RegionalCombiner},
     * which indexed them, and which judges a cell no country released ({@code unreleased}) by its own rules.
     */
    public static final class Lookup {

        private final String regionCode;
        private final List<NodeAnswer> answered;
        private final List<Map<Map<String, String>, NodeAnswer.Cell>> byCountry;
        private final RegionalTable table;
        private final Map<Map<String, String>, RegionalTable.RegionalCell> region = new HashMap<>();
        private final java.util.function.Function<Map<String, String>, RegionalTable.RegionalCell> unreleased;

        Lookup(
                String regionCode,
                List<NodeAnswer> answered,
                List<Map<Map<String, String>, NodeAnswer.Cell>> byCountry,
                RegionalTable table,
                java.util.function.Function<Map<String, String>, RegionalTable.RegionalCell> unreleased) {
            this.regionCode = regionCode;
            this.answered = answered;
            this.byCountry = byCountry;
            this.table = table;
            this.unreleased = unreleased;
            table.cells().forEach(c -> region.put(c.coordinates(), c));
        }

        /** The regional table this lookup reads. */
        public RegionalTable table() {
            return table;
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
                // No answering country released this cell: the combiner judges it as it judged the others.
                cell = unreleased.apply(at);
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

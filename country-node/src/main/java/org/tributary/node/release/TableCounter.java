package org.tributary.node.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.Margins;
import org.tributary.common.disclosure.Population;
import org.tributary.common.disclosure.TrueCell;

/**
 * Counts a query's table on the node: one SQL pass for every interior cell (and, for multi-response dimensions,
 * every margin) with the persons' record-key sums, the margins of single-response tables summed from the interior,
 * and the population it selects. True counts: they never leave the node except through the disclosure engine.
 */
@Component
class TableCounter {

    /** With zeros suppressed every grid cell is listed; beyond this many the table is refused. */
    static final int MAX_GRID_WITH_ZEROS = 20_000;

    private final JdbcClient jdbc;

    TableCounter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param cells interior cells and margins, sorted (totals last)
     * @param population persons selected and on the node, with record-key sums
     * @param multiResponse the table's multi-response dimensions
     */
    record Counted(List<TrueCell> cells, Population population, List<String> multiResponse) {}

    /** The table, or empty when zeros must be listed and the grid is too large. */
    java.util.Optional<Counted> count(CountQuery query, boolean listZeros) {
        var statement = CountQuerySql.build(query);
        scanPlans(jdbc);
        List<TrueCell> counted = new ArrayList<>();
        long[] total = {-1, 0};
        jdbc.sql(statement.sql()).params(statement.parameters()).query((ResultSet rs) -> {
            counted.add(cell(rs, statement.dimensions().size()));
            total[0] = rs.getLong("total");
            total[1] = rs.getLong("total_key_sum");
        });
        List<TrueCell> cells = new ArrayList<>(
                statement.multiResponse()
                        ? counted
                        : Margins.cube(counted, statement.dimensions().size()));
        TrueCell grand = cells.stream()
                .filter(c -> c.coordinates().stream().allMatch(Objects::isNull))
                .findFirst()
                .orElse(new TrueCell(
                        java.util.Arrays.asList(
                                new String[statement.dimensions().size()]),
                        0,
                        0));
        boolean restricted = total[0] >= 0;
        var population = new Population(
                grand.count(),
                grand.keySum(),
                restricted ? total[0] : grand.count(),
                restricted ? total[1] : grand.keySum());
        if (total[0] < 0 && counted.isEmpty()) {
            population = new Population(0, 0, totalOnNode()[0], totalOnNode()[1]);
        }
        if (listZeros) {
            var full = Margins.withZeros(
                    cells, statement.dimensions().stream().map(d -> d.codes).toList(), MAX_GRID_WITH_ZEROS);
            if (full.isEmpty()) {
                return java.util.Optional.empty();
            }
            cells = new ArrayList<>(full.get());
        }
        cells.sort(Comparator.comparing(c -> sortKey(c.coordinates())));
        List<String> multi = statement.dimensions().stream()
                .filter(d -> d.multiResponse)
                .map(Enum::name)
                .toList();
        return java.util.Optional.of(new Counted(cells, population, multi));
    }

    /**
     * Counting joins every case with its per-case facts: hash joins always win, and a nested loop that rescans the
     * facts per case (the planner's choice on stale statistics) takes minutes. For the rest of this transaction.
     */
    static void scanPlans(JdbcClient jdbc) {
        jdbc.sql("set local enable_nestloop = off").update();
    }

    /** Persons counted on the node and their record-key sum. */
    long[] totalOnNode() {
        return jdbc.sql("select count(*), coalesce(sum(record_key), 0) from cases c where " + CountQuerySql.COUNTED)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    private static TrueCell cell(ResultSet rs, int dimensions) throws SQLException {
        List<String> coordinates = new ArrayList<>(dimensions);
        for (int i = 0; i < dimensions; i++) {
            coordinates.add(rs.getInt("g" + i) == 1 ? null : rs.getString("d" + i));
        }
        return new TrueCell(coordinates, rs.getLong("n"), rs.getLong("key_sum"));
    }

    static String sortKey(List<String> coordinates) {
        return coordinates.stream().map(c -> c == null ? "\uffff" : c).collect(Collectors.joining("\u0000"));
    }
}

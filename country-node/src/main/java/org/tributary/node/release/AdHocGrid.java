package org.tributary.node.release;

import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.DpSettings;
import org.tributary.common.disclosure.NoisyTables;
import org.tributary.common.federation.FederationContract;

/**
 * The public domain of a differentially private query: every combination of codes it releases, zeros included, and
 * what each cell counts, independent of the data. Codes of a dimension are its filter's codes, or all of its codes;
 * a query by year spans the years of its range within the policy's window (and "year not recorded" when it names no
 * range). Filters that name every code of a dimension restrict nothing and are dropped, so that two ways of asking
 * the same thing have the same definition.
 *
 * @param codes per dimension, the codes of the grid
 * @param population the filters that select the query's persons, normalised (the year range as a set of years)
 * @param sql the query as the counting SQL runs it
 */
record AdHocGrid(
        List<String> dimensions,
        List<Boolean> multiResponse,
        List<List<String>> codes,
        SortedMap<String, TreeSet<String>> population,
        CountQuery sql,
        int bound) {

    static final String YEAR = "year";

    static AdHocGrid of(CountQuery query, DpSettings dp, int currentYear) {
        SortedMap<String, TreeSet<String>> population = new TreeMap<>();
        query.filters().forEach((d, values) -> {
            List<String> all = Dimension.byId(d).orElseThrow().codes;
            if (!values.containsAll(all)) {
                population.put(d, ordered(values, all));
            }
        });
        boolean byYear = query.dimensions().contains(YEAR);
        if (byYear || query.yearFrom() != null || query.yearTo() != null) {
            int from = query.yearFrom() == null ? FederationContract.FIRST_YEAR : query.yearFrom();
            int to = query.yearTo() == null ? FederationContract.LAST_YEAR : query.yearTo();
            if (byYear) {
                from = Math.max(from, currentYear - dp.yearWindow() + 1);
                to = Math.min(to, currentYear);
            }
            TreeSet<String> years = new TreeSet<>();
            for (int y = from; y <= to; y++) {
                years.add(Integer.toString(y));
            }
            if (byYear && query.yearFrom() == null && query.yearTo() == null) {
                years.add(FederationContract.UNKNOWN);
            }
            TreeSet<String> filtered = population.get(YEAR);
            if (filtered != null) {
                years.retainAll(filtered);
            }
            population.put(YEAR, years);
        }
        List<List<String>> codes = new ArrayList<>();
        List<Boolean> multi = new ArrayList<>();
        for (String d : query.dimensions()) {
            Dimension dimension = Dimension.byId(d).orElseThrow();
            multi.add(dimension.multiResponse);
            TreeSet<String> restricted = population.get(d);
            codes.add(restricted == null ? dimension.codes : List.copyOf(ordered(restricted, dimension.codes)));
        }
        Map<String, Set<String>> sqlFilters = new TreeMap<>();
        population.forEach((d, values) -> sqlFilters.put(d, Set.copyOf(values)));
        // The year range is in the year filter now; the SQL applies it there.
        var sql = new CountQuery(query.dimensions(), sqlFilters, null, null);
        return new AdHocGrid(
                List.copyOf(query.dimensions()),
                List.copyOf(multi),
                List.copyOf(codes),
                population,
                sql,
                dp.multiResponseBound());
    }

    /** Cells of the interior grid. */
    long size() {
        return NoisyTables.gridSize(codes);
    }

    boolean empty() {
        return codes.stream().anyMatch(List::isEmpty)
                || population.values().stream().anyMatch(Set::isEmpty);
    }

    /** The query as the stored answers know it: its dimensions in order and what it selects. */
    String canonical() {
        return "dimensions=" + dimensions + ";population=" + population + ";bound=" + bound;
    }

    /**
     * What a cell of a histogram counts: the population's filters, less those on the cell's own dimensions, and the
     * cell's codes; a multi-response code carries the contribution bound it was counted under.
     *
     * @param coordinates codes, {@code null} where the histogram collapses a multi-response dimension
     */
    String definition(List<String> coordinates) {
        SortedMap<String, Object> parts = new TreeMap<>(population);
        for (int i = 0; i < dimensions.size(); i++) {
            String code = coordinates.get(i);
            if (code == null) {
                continue;
            }
            parts.remove(dimensions.get(i));
            // A code as a one-code set: "year 2024" as a coordinate and as a filter count the same persons.
            parts.put(
                    multiResponse.get(i) ? dimensions.get(i) + "@" + bound : dimensions.get(i),
                    new TreeSet<>(Set.of(code)));
        }
        return parts.toString();
    }

    private static TreeSet<String> ordered(Set<String> values, List<String> all) {
        // Codes sorted as text: the definition must not depend on the order a client listed them in.
        return new TreeSet<>(
                new LinkedHashSet<>(values.stream().filter(all::contains).toList()));
    }

    static int thisYear(java.time.Clock clock) {
        return Year.now(clock).getValue();
    }
}

package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The interval audit of a set of released tables, from what was released only: what an attacker holding all of them
 * can derive about each hidden cell. Written apart from {@link LinkedSuppression} (which protects from true counts),
 * it serves the tests, the attack suite, and the aggregator, which audits every {@code SUPPRESSION_ONLY} catalogue
 * release it receives before publishing from it.
 *
 * <p>The attacker's program: each hidden cell an unknown (one per {@link CellKey}, whatever tables hold it); every
 * released value a constant, every cell a table does not list zero; every margin of every table the sum of its
 * cells over a single-response dimension, and over a multi-response dimension (persons once) at least each cell, at
 * most their sum, and at least a code held only alone plus any other; a key restricted on one more dimension at most
 * its parent. For each hidden cell, its minimum and maximum by linear programming. A cell is <em>pinned</em> when its
 * interval holds a single integer or does not reach {@code k}; a cell hidden in one table and released in another is
 * given away outright (its interval is its value).
 */
public final class LinkedAudit {

    private static final double EPS = 1e-6;

    private LinkedAudit() {}

    /**
     * A released table.
     *
     * @param cells as released (a value, or suppressed); a cell of the grid not listed is zero
     * @param exclusive per multi-response dimension, its codes held only alone
     */
    public record Table(
            String id,
            List<String> dimensions,
            Map<String, Set<String>> filters,
            Set<String> multiResponse,
            Map<String, Set<String>> exclusive,
            List<ReleasedCell> cells) {

        public Table {
            dimensions = List.copyOf(dimensions);
            filters = Map.copyOf(filters);
            multiResponse = Set.copyOf(multiResponse);
            exclusive = Map.copyOf(exclusive);
            cells = List.copyOf(cells);
        }
    }

    /**
     * @param intervals each hidden key's {@code [min, max]} as the attacker can bound it
     * @param pinned the hidden keys whose interval holds one integer or does not reach {@code k}
     * @param inconsistent keys released with two different values (a release that contradicts itself)
     */
    public record Result(Map<CellKey, double[]> intervals, List<CellKey> pinned, List<CellKey> inconsistent) {

        public int hidden() {
            return intervals.size();
        }
    }

    public static Result audit(List<Table> tables, int threshold) {
        Map<CellKey, Long> released = new HashMap<>();
        Map<CellKey, Integer> unknown = new TreeMap<>();
        List<CellKey> inconsistent = new ArrayList<>();
        for (Table t : tables) {
            for (ReleasedCell c : t.cells()) {
                CellKey key = CellKey.of(t.filters(), t.dimensions(), c.coordinates());
                if (c.suppressed()) {
                    unknown.putIfAbsent(key, unknown.size());
                } else {
                    Long before = released.put(key, c.value());
                    if (before != null && !before.equals(c.value())) {
                        inconsistent.add(key);
                    }
                }
            }
        }
        // A key released in one table is known in every other: hidden there, it is given away outright.
        List<CellKey> givenAway = new ArrayList<>();
        for (CellKey key : unknown.keySet()) {
            if (released.containsKey(key)) {
                givenAway.add(key);
            }
        }
        unknown.keySet().removeAll(givenAway);
        Map<CellKey, Integer> index = new TreeMap<>();
        unknown.keySet().forEach(k -> index.put(k, index.size()));

        List<Row> rows = new ArrayList<>();
        for (Table t : tables) {
            Map<List<String>, ReleasedCell> byAt = new HashMap<>();
            t.cells().forEach(c -> byAt.put(c.coordinates(), c));
            for (ReleasedCell margin : t.cells()) {
                for (int d = 0; d < t.dimensions().size(); d++) {
                    if (margin.coordinates().get(d) != null) {
                        continue;
                    }
                    String dimension = t.dimensions().get(d);
                    List<CellKey> children = new ArrayList<>();
                    for (ReleasedCell c : t.cells()) {
                        if (c.coordinates().get(d) != null && sameElsewhere(c.coordinates(), margin.coordinates(), d)) {
                            children.add(CellKey.of(t.filters(), t.dimensions(), c.coordinates()));
                        }
                    }
                    CellKey parent = CellKey.of(t.filters(), t.dimensions(), margin.coordinates());
                    if (!t.multiResponse().contains(dimension)) {
                        rows.add(row(children, parent, index, released, 0, 0));
                        continue;
                    }
                    for (CellKey child : children) {
                        rows.add(row(List.of(child), parent, index, released, Double.NEGATIVE_INFINITY, 0));
                    }
                    rows.add(row(children, parent, index, released, 0, Double.POSITIVE_INFINITY));
                    Set<String> alone = t.exclusive().getOrDefault(dimension, Set.of());
                    for (CellKey only : children) {
                        if (alone.contains(only.parts().get(dimension).first())) {
                            for (CellKey other : children) {
                                if (other != only) {
                                    rows.add(row(
                                            List.of(only, other),
                                            parent,
                                            index,
                                            released,
                                            Double.NEGATIVE_INFINITY,
                                            0));
                                }
                            }
                        }
                    }
                }
            }
        }
        // A subset is no larger than what it is part of.
        List<CellKey> all = new ArrayList<>(released.keySet());
        all.addAll(index.keySet());
        java.util.Set<CellKey> present = new java.util.HashSet<>(all);
        for (CellKey small : all) {
            for (var part : small.parts().entrySet()) {
                CellKey big = small.without(part.getKey());
                if (part.getValue().size() == 1
                        && present.contains(big)
                        && (index.containsKey(small) || index.containsKey(big))) {
                    rows.add(row(List.of(small), big, index, released, Double.NEGATIVE_INFINITY, 0));
                }
            }
        }
        rows.removeIf(r -> r.coefficients().isEmpty());

        Map<CellKey, double[]> intervals = new TreeMap<>();
        List<CellKey> pinned = new ArrayList<>();
        for (CellKey key : givenAway) {
            double value = released.get(key);
            intervals.put(key, new double[] {value, value});
            pinned.add(key);
        }
        List<CellKey> keys = new ArrayList<>(index.keySet());
        var parts = new UnionFind(index.size());
        for (Row r : rows) {
            Integer first = null;
            for (int v : r.coefficients().keySet()) {
                if (first == null) {
                    first = v;
                } else {
                    parts.join(first, v);
                }
            }
        }
        Map<Integer, List<Row>> rowsOfComponent = new HashMap<>();
        for (Row r : rows) {
            int any = r.coefficients().keySet().iterator().next();
            rowsOfComponent
                    .computeIfAbsent(parts.root(any), x -> new ArrayList<>())
                    .add(r);
        }
        for (CellKey key : keys) {
            int v = index.get(key);
            List<Row> mine = rowsOfComponent.getOrDefault(parts.root(v), List.of());
            double min = solve(v, mine, false);
            double max = solve(v, mine, true);
            intervals.put(key, new double[] {min, max});
            long low = (long) Math.ceil(min - EPS);
            long high = Double.isInfinite(max) ? Long.MAX_VALUE : (long) Math.floor(max + EPS);
            if (high - low < 1 || high < threshold) {
                pinned.add(key);
            }
        }
        return new Result(intervals, pinned, inconsistent);
    }

    /** {@code lower ≤ Σ children − parent ≤ upper} over the unknowns; known values moved into the bounds. */
    private record Row(Map<Integer, Double> coefficients, double lower, double upper) {}

    private static Row row(
            List<CellKey> children,
            CellKey parent,
            Map<CellKey, Integer> unknown,
            Map<CellKey, Long> released,
            double lower,
            double upper) {
        Map<Integer, Double> coefficients = new TreeMap<>();
        double constant = 0;
        List<CellKey> cells = new ArrayList<>(children);
        cells.add(parent);
        for (int i = 0; i < cells.size(); i++) {
            double coefficient = i == cells.size() - 1 ? -1 : 1;
            Integer v = unknown.get(cells.get(i));
            if (v != null) {
                coefficients.merge(v, coefficient, Double::sum);
            } else {
                constant += coefficient * released.getOrDefault(cells.get(i), 0L);
            }
        }
        coefficients.values().removeIf(c -> c == 0);
        return new Row(coefficients, lower - constant, upper - constant);
    }

    /** Connected parts of the unknowns: those sharing a row are solved together. */
    private static final class UnionFind {
        private final int[] parent;

        UnionFind(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        void join(int a, int b) {
            parent[root(a)] = root(b);
        }

        int root(int v) {
            while (parent[v] != v) {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }
            return v;
        }
    }

    private static double solve(int target, List<Row> rows, boolean maximise) {
        var model = new ExpressionsBasedModel();
        Map<Integer, Variable> vars = new HashMap<>();
        vars.put(target, model.addVariable("x" + target).lower(0).weight(1));
        int i = 0;
        for (Row r : rows) {
            var e = model.addExpression("r" + i++);
            for (var c : r.coefficients().entrySet()) {
                Variable v = vars.computeIfAbsent(
                        c.getKey(), k -> model.addVariable("x" + k).lower(0).weight(0));
                e.set(v, c.getValue());
            }
            if (!Double.isInfinite(r.lower())) {
                e.lower(r.lower());
            }
            if (!Double.isInfinite(r.upper())) {
                e.upper(r.upper());
            }
        }
        var result = maximise ? model.maximise() : model.minimise();
        if (result.getState() == Optimisation.State.UNBOUNDED) {
            return maximise ? Double.POSITIVE_INFINITY : 0;
        }
        if (!result.getState().isFeasible()) {
            // The released values contradict the relations: nothing can be said, count the cell as pinned.
            return 0;
        }
        return result.getValue();
    }

    static boolean sameElsewhere(List<String> a, List<String> b, int except) {
        for (int i = 0; i < a.size(); i++) {
            if (i != except && !Objects.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}

package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The whole catalogue as a node with 3,000 synthetic cases counted it (test resource), protected as one linked set in
 * SUPPRESSION_ONLY mode, then audited from what was released, by a program written apart from the engine's: for
 * every hidden cell, the exact margins of every table (one equation per margin and dimension, absent cells zero;
 * for multi-response dimensions the bounds a person-once margin puts on its cells), each key one unknown whichever
 * tables hold it, and a subset never larger than the cells it is part of. No hidden cell may be pinned.
 */
class LinkedCatalogueFixtureTest {

    @Test
    void theLinkedCatalogueOfASampleNodeHidesEverySmallCellAndPinsNone() {
        var fixture = LinkedFixture.read("/linked-catalogue-sample.txt");
        long started = System.nanoTime();
        var outcome = LinkedSuppression.protect(fixture.tables(), fixture.threshold(), Map.of());
        long millis = (System.nanoTime() - started) / 1_000_000;
        int k = fixture.threshold();
        assertThat(outcome.withheld()).isEmpty();

        // What the attacker reads: every released value by key; every hidden key an unknown.
        Map<CellKey, Long> released = new HashMap<>();
        Map<CellKey, Long> truth = new HashMap<>();
        Map<CellKey, Integer> unknown = new TreeMap<>();
        int cells = 0;
        for (var table : fixture.tables()) {
            var out = outcome.released().get(table.id());
            for (int i = 0; i < table.cells().size(); i++) {
                TrueCell c = table.cells().get(i);
                ReleasedCell r = out.get(i);
                CellKey key = CellKey.of(table.filters(), table.dimensions(), c.coordinates());
                truth.put(key, c.count());
                cells++;
                if (r.suppressed()) {
                    unknown.putIfAbsent(key, unknown.size());
                } else {
                    assertThat(r.value()).as("nothing in 1..k-1").matches(v -> v == 0 || v >= k);
                    assertThat(r.value()).as("exact in this mode").isEqualTo(c.count());
                    Long before = released.put(key, r.value());
                    assertThat(before == null || before.equals(r.value())).isTrue();
                }
            }
        }
        assertThat(unknown.keySet())
                .as("a key is hidden in every table or in none")
                .doesNotContainAnyElementsOf(released.keySet());
        for (var e : truth.entrySet()) {
            if (e.getValue() > 0 && e.getValue() < k) {
                assertThat(unknown).containsKey(e.getKey());
            }
        }

        List<double[]> rows = new ArrayList<>();
        List<double[]> bounds = new ArrayList<>(); // {lower, upper}
        for (var table : fixture.tables()) {
            Map<List<String>, TrueCell> byAt = new HashMap<>();
            table.cells().forEach(c -> byAt.put(c.coordinates(), c));
            for (TrueCell margin : table.cells()) {
                for (int d = 0; d < table.dimensions().size(); d++) {
                    if (margin.coordinates().get(d) != null) {
                        continue;
                    }
                    String dimension = table.dimensions().get(d);
                    boolean multi = table.multiResponse().contains(dimension);
                    List<CellKey> children = new ArrayList<>();
                    for (TrueCell c : table.cells()) {
                        if (c.coordinates().get(d) != null && sameElsewhere(c.coordinates(), margin.coordinates(), d)) {
                            children.add(CellKey.of(table.filters(), table.dimensions(), c.coordinates()));
                        }
                    }
                    CellKey parent = CellKey.of(table.filters(), table.dimensions(), margin.coordinates());
                    if (!multi) {
                        add(rows, bounds, children, parent, unknown, released, 0, 0);
                    } else {
                        for (CellKey child : children) {
                            add(rows, bounds, List.of(child), parent, unknown, released, Double.NEGATIVE_INFINITY, 0);
                        }
                        add(rows, bounds, children, parent, unknown, released, 0, Double.POSITIVE_INFINITY);
                        Set<String> alone = table.exclusive().getOrDefault(dimension, Set.of());
                        for (CellKey only : children) {
                            if (!alone.contains(only.parts().get(dimension).first())) {
                                continue;
                            }
                            for (CellKey other : children) {
                                if (other != only) {
                                    add(
                                            rows,
                                            bounds,
                                            List.of(only, other),
                                            parent,
                                            unknown,
                                            released,
                                            Double.NEGATIVE_INFINITY,
                                            0);
                                }
                            }
                        }
                    }
                }
            }
        }
        // A subset is no larger than what it is part of (filters: returnees among all identified).
        List<CellKey> keys = new ArrayList<>(truth.keySet());
        for (CellKey small : keys) {
            for (var part : small.parts().entrySet()) {
                if (part.getValue().size() == 1) {
                    CellKey big = small.without(part.getKey());
                    if (truth.containsKey(big) && (unknown.containsKey(small) || unknown.containsKey(big))) {
                        add(rows, bounds, List.of(small), big, unknown, released, Double.NEGATIVE_INFINITY, 0);
                    }
                }
            }
        }

        int pinned = 0;
        for (var e : unknown.entrySet()) {
            double min = solve(unknown.size(), rows, bounds, e.getValue(), false);
            double max = solve(unknown.size(), rows, bounds, e.getValue(), true);
            long n = truth.get(e.getKey());
            assertThat((double) n).as("the truth is feasible").isBetween(min - 1e-6, max + 1e-6);
            long low = (long) Math.ceil(min - 1e-6);
            long high = Double.isInfinite(max) ? Long.MAX_VALUE : (long) Math.floor(max + 1e-6);
            if (high - low < 1 || high < k) {
                pinned++;
            }
        }
        System.out.printf(
                "linked catalogue of a sample node (3,000 cases, 16 tables, %d cells, k = %d): %d primary and %d"
                        + " secondary hidden, %d linear programs, %d ms; audit: %d of %d hidden keys pinned%n",
                cells,
                k,
                outcome.primary(),
                outcome.secondary(),
                outcome.linearPrograms(),
                millis,
                pinned,
                unknown.size());
        assertThat(pinned).isZero();
    }

    static boolean sameElsewhere(List<String> a, List<String> b, int except) {
        for (int i = 0; i < a.size(); i++) {
            if (i != except && !java.util.Objects.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** lower ≤ Σ children − parent ≤ upper, over the unknowns, released values moved to the bounds. */
    static void add(
            List<double[]> rows,
            List<double[]> bounds,
            List<CellKey> children,
            CellKey parent,
            Map<CellKey, Integer> unknown,
            Map<CellKey, Long> released,
            double lower,
            double upper) {
        double[] row = new double[unknown.size()];
        double constant = 0;
        boolean any = false;
        List<CellKey> all = new ArrayList<>(children);
        all.add(parent);
        for (int i = 0; i < all.size(); i++) {
            double coefficient = i == all.size() - 1 ? -1 : 1;
            CellKey key = all.get(i);
            Integer index = unknown.get(key);
            if (index != null) {
                row[index] += coefficient;
                any = true;
            } else {
                constant += coefficient * released.getOrDefault(key, 0L);
            }
        }
        if (any) {
            rows.add(row);
            bounds.add(new double[] {lower - constant, upper - constant});
        }
    }

    static double solve(int n, List<double[]> rows, List<double[]> bounds, int target, boolean maximise) {
        var model = new ExpressionsBasedModel();
        List<Variable> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x.add(model.addVariable("x" + i).lower(0).weight(i == target ? 1 : 0));
        }
        for (int r = 0; r < rows.size(); r++) {
            var e = model.addExpression("r" + r);
            double[] row = rows.get(r);
            for (int i = 0; i < n; i++) {
                if (row[i] != 0) {
                    e.set(x.get(i), row[i]);
                }
            }
            double[] b = bounds.get(r);
            if (!Double.isInfinite(b[0])) {
                e.lower(b[0]);
            }
            if (!Double.isInfinite(b[1])) {
                e.upper(b[1]);
            }
        }
        var result = maximise ? model.maximise() : model.minimise();
        if (result.getState() == Optimisation.State.UNBOUNDED) {
            return maximise ? Double.POSITIVE_INFINITY : 0;
        }
        assertThat(result.getState().isOptimal())
                .as("LP state %s", result.getState())
                .isTrue();
        return result.getValue();
    }
}

package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Secondary suppression over a whole linked set of tables ({@link ReleaseMode#SUPPRESSION_ONLY} catalogue
 * releases): exact values, every small cell hidden, and enough further cells hidden that nothing hidden can be
 * derived from everything released together — across tables, not one table at a time.
 *
 * <p><b>What an attacker knows.</b> Every released value, and how cells relate: a cell with the same {@link CellKey}
 * in two tables is one number; a key restricted on one more dimension counts a subset of its parent, and the
 * children of a parent over a single-response dimension add up to it when one table lists them all (absent cells of
 * a table are zero), else at most to it; over a multi-response dimension each child is at most the parent and
 * together at least it. Cells released exactly by an earlier period's release of the same tables, and unchanged
 * since, are known too.
 *
 * <p><b>The guarantee</b>, audited by linear programming on the union of all those constraints: for every hidden
 * cell the interval of values consistent with everything released holds more than one integer and reaches {@code k}.
 *
 * <p><b>How.</b> Primary suppression of {@code 0 < n < k} (and zeros, if the policy hides them); the hypercube
 * method within each single-response table as a start; then, for every hidden cell whose interval is too narrow, the
 * smallest released cell it is linked with is hidden too, until every interval holds. Hiding more only widens
 * intervals, so a cell once protected stays protected. Where a cell cannot be protected at all, the tables holding
 * it are withheld ({@link RefusalReason#TABLE_NOT_PROTECTABLE}) and the rest is protected again without them.
 */
public final class LinkedSuppression {

    /** Hidden cells added per unprotected cell before its tables are withheld. */
    static final int MAX_ADDITIONS_PER_CELL = 200;

    private static final double EPS = 1e-6;

    /** Connected parts larger than this are audited over a wide neighbourhood instead (a subset: still safe). */
    static final int MAX_COMPONENT = 300;

    private LinkedSuppression() {}

    /**
     * One table of the linked set, as counted.
     *
     * @param cells interior cells and margins with {@code n > 0}; with {@code zerosHidden}, zeros too
     * @param zerosHidden zeros are released as suppressed (the policy's zero rule)
     * @param exclusive for a multi-response dimension, its codes that a person has only alone ("no service",
     *     "not recorded"): a person with such a code has no other, which an attacker knows
     */
    public record CountedTable(
            String id,
            List<String> dimensions,
            Map<String, Set<String>> filters,
            Set<String> multiResponse,
            List<TrueCell> cells,
            boolean zerosHidden,
            Map<String, Set<String>> exclusive) {

        public CountedTable {
            dimensions = List.copyOf(dimensions);
            filters = Map.copyOf(filters);
            multiResponse = Set.copyOf(multiResponse);
            cells = List.copyOf(cells);
            exclusive = exclusive == null ? Map.of() : Map.copyOf(exclusive);
        }
    }

    /**
     * The protected set.
     *
     * @param released each released table's cells, by table id
     * @param withheld tables that could not be protected
     */
    public record Outcome(
            Map<String, List<ReleasedCell>> released,
            Set<String> withheld,
            int primary,
            int secondary,
            int linearPrograms) {}

    /**
     * Protects the linked set.
     *
     * @param earlier keys released exactly by earlier periods' releases of these tables, with the value released
     */
    public static Outcome protect(List<CountedTable> tables, int threshold, Map<CellKey, Long> earlier) {
        Set<String> withheld = new TreeSet<>();
        int programs = 0;
        while (true) {
            List<CountedTable> kept =
                    tables.stream().filter(t -> !withheld.contains(t.id())).toList();
            var attempt = new Attempt(kept, threshold, earlier);
            Optional<Set<String>> failed = attempt.run();
            programs += attempt.programs;
            if (failed.isEmpty()) {
                return new Outcome(
                        attempt.released(), withheld, attempt.primaryCount, attempt.secondaryCount, programs);
            }
            withheld.addAll(failed.get());
        }
    }

    /** One try at protecting a set of tables. */
    private static final class Attempt {
        private final List<CountedTable> tables;
        private final int k;
        private final Map<CellKey, Long> count = new LinkedHashMap<>();
        private final Map<CellKey, Set<String>> tablesOf = new HashMap<>();
        private final Set<CellKey> hidden = new TreeSet<>();
        private final Set<CellKey> primary = new HashSet<>();
        private final Set<CellKey> known = new HashSet<>();
        /** Keys that are a margin of some table: a parent of other keys. */
        private final Set<CellKey> margins = new HashSet<>();

        private final List<Relation> relations = new ArrayList<>();
        private final Map<CellKey, List<Relation>> relationsOf = new HashMap<>();
        int programs;
        int primaryCount;
        int secondaryCount;

        Attempt(List<CountedTable> tables, int k, Map<CellKey, Long> earlier) {
            this.tables = tables;
            this.k = k;
            for (CountedTable t : tables) {
                for (TrueCell c : t.cells()) {
                    CellKey key = CellKey.of(t.filters(), t.dimensions(), c.coordinates());
                    Long before = count.putIfAbsent(key, c.count());
                    if (before != null && before != c.count()) {
                        throw new IllegalArgumentException("one key counted two ways: " + t.id());
                    }
                    tablesOf.computeIfAbsent(key, x -> new TreeSet<>()).add(t.id());
                    if (c.count() > 0 && c.count() < k || c.count() == 0 && t.zerosHidden()) {
                        primary.add(key);
                    }
                }
            }
            earlier.forEach((key, value) -> {
                if (value.equals(count.get(key))) {
                    known.add(key);
                }
            });
            hidden.addAll(primary);
            primaryCount = primary.size();
            buildRelations();
        }

        /** Empty when every hidden cell is protected; else the tables to withhold. */
        Optional<Set<String>> run() {
            hypercubes();
            TreeSet<CellKey> work = new TreeSet<>(hidden);
            Map<CellKey, Integer> additions = new HashMap<>();
            while (!work.isEmpty()) {
                CellKey cell = work.pollFirst();
                // A cell published exactly before is no secret to keep now (and gives no cover either).
                if (!hidden.contains(cell) || known.contains(cell) || protectedCell(cell)) {
                    continue;
                }
                Optional<CellKey> cover = cheapestCover(cell);
                int added = additions.merge(cell, 1, Integer::sum);
                if (cover.isEmpty() || added > MAX_ADDITIONS_PER_CELL) {
                    return Optional.of(tablesOf.get(cell));
                }
                hidden.add(cover.get());
                work.add(cover.get());
                work.add(cell);
            }
            secondaryCount = hidden.size() - primaryCount;
            return Optional.empty();
        }

        Map<String, List<ReleasedCell>> released() {
            Map<String, List<ReleasedCell>> out = new LinkedHashMap<>();
            for (CountedTable t : tables) {
                List<ReleasedCell> cells = new ArrayList<>(t.cells().size());
                for (TrueCell c : t.cells()) {
                    CellKey key = CellKey.of(t.filters(), t.dimensions(), c.coordinates());
                    cells.add(
                            hidden.contains(key)
                                    ? ReleasedCell.suppressed(c.coordinates())
                                    : ReleasedCell.value(c.coordinates(), c.count(), CellStatus.EXACT));
                }
                out.put(t.id(), cells);
            }
            return out;
        }

        /** The hypercube method inside each single-response table whose margins are all large enough. */
        private void hypercubes() {
            for (CountedTable t : tables) {
                if (!t.multiResponse().isEmpty() || t.dimensions().isEmpty()) {
                    continue;
                }
                Map<List<String>, Long> interior = new HashMap<>();
                Set<List<String>> small = new HashSet<>();
                boolean marginHidden = false;
                for (TrueCell c : t.cells()) {
                    CellKey key = CellKey.of(t.filters(), t.dimensions(), c.coordinates());
                    if (c.isInterior()) {
                        interior.put(c.coordinates(), c.count());
                        if (hidden.contains(key)) {
                            small.add(c.coordinates());
                        }
                    } else if (hidden.contains(key)) {
                        marginHidden = true;
                    }
                }
                if (marginHidden || small.isEmpty()) {
                    continue;
                }
                SecondarySuppression.complete(t.dimensions().size(), interior, small, k, true)
                        .ifPresent(more -> more.forEach(c -> hidden.add(CellKey.of(t.filters(), t.dimensions(), c))));
            }
        }

        /**
         * The cheapest released cell sharing a relation with {@code cell}; if there is none, the cheapest linked with
         * the hidden cells linked with it. Cheapest is fewest persons hidden, a margin counting five times its size
         * (hiding a total weakens every cell below it, in every table that holds it, and is rarely what frees a cell).
         */
        private Optional<CellKey> cheapestCover(CellKey cell) {
            Optional<CellKey> near = cheapest(List.of(cell));
            return near.isPresent() ? near : cheapest(component(cell));
        }

        private Optional<CellKey> cheapest(Collection<CellKey> around) {
            CellKey best = null;
            long bestCost = Long.MAX_VALUE;
            for (CellKey v : around) {
                for (Relation r : relationsOf.getOrDefault(v, List.of())) {
                    for (CellKey other : r.cells()) {
                        if (hidden.contains(other) || known.contains(other) || count.get(other) == 0) {
                            continue;
                        }
                        long cost = count.get(other) * (margins.contains(other) ? 5 : 1);
                        if (cost < bestCost || cost == bestCost && other.compareTo(best) < 0) {
                            best = other;
                            bestCost = cost;
                        }
                    }
                }
            }
            return Optional.ofNullable(best);
        }

        private boolean variable(CellKey key) {
            return hidden.contains(key) && !known.contains(key);
        }

        /**
         * The LP interval audit of one hidden cell. First over its neighbourhood (hidden cells two relations away),
         * every other hidden cell held at its true value: that program's interval lies inside the full one, so if it
         * already holds two integers reaching k the cell is protected. Only otherwise over its whole connected part
         * (bounded in size; beyond it, a wider neighbourhood — still a subset, so still on the safe side).
         */
        private boolean protectedCell(CellKey cell) {
            if (!variable(cell)) {
                return false; // known to the attacker from an earlier release
            }
            if (interval(cell, neighbourhood(cell, 2))) {
                return true;
            }
            Set<CellKey> component = component(cell);
            return interval(cell, component.size() <= MAX_COMPONENT ? component : neighbourhood(cell, 4));
        }

        private boolean interval(CellKey cell, Set<CellKey> free) {
            List<Relation> rows = new ArrayList<>();
            Set<Relation> seen = new HashSet<>();
            for (CellKey v : free) {
                for (Relation r : relationsOf.getOrDefault(v, List.of())) {
                    if (seen.add(r)) {
                        rows.add(r);
                    }
                }
            }
            double min = solve(cell, free, rows, false);
            double max = solve(cell, free, rows, true);
            long low = (long) Math.ceil(min - EPS);
            long high = Double.isInfinite(max) ? Long.MAX_VALUE : (long) Math.floor(max + EPS);
            return high - low >= 1 && high >= k;
        }

        /** The hidden cells at most {@code depth} relations away from {@code start}. */
        private Set<CellKey> neighbourhood(CellKey start, int depth) {
            Set<CellKey> seen = new HashSet<>(List.of(start));
            List<CellKey> frontier = List.of(start);
            for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
                List<CellKey> next = new ArrayList<>();
                for (CellKey v : frontier) {
                    for (Relation r : relationsOf.getOrDefault(v, List.of())) {
                        for (CellKey other : r.cells()) {
                            if (variable(other) && seen.add(other)) {
                                next.add(other);
                            }
                        }
                    }
                }
                frontier = next;
            }
            return seen;
        }

        /** The hidden cells linked to {@code start} through relations holding two or more of them. */
        private Set<CellKey> component(CellKey start) {
            Set<CellKey> seen = new HashSet<>();
            List<CellKey> stack = new ArrayList<>(List.of(start));
            seen.add(start);
            while (!stack.isEmpty()) {
                CellKey v = stack.remove(stack.size() - 1);
                for (Relation r : relationsOf.getOrDefault(v, List.of())) {
                    for (CellKey other : r.cells()) {
                        if (variable(other) && seen.add(other)) {
                            stack.add(other);
                        }
                    }
                }
            }
            return seen;
        }

        private double solve(CellKey target, Set<CellKey> component, List<Relation> rows, boolean maximise) {
            programs++;
            var model = new ExpressionsBasedModel();
            Map<CellKey, Variable> vars = new HashMap<>();
            for (CellKey v : new TreeSet<>(component)) {
                vars.put(v, model.addVariable(v.toString()).lower(0).weight(v.equals(target) ? 1 : 0));
            }
            int i = 0;
            for (Relation r : rows) {
                var e = model.addExpression("r" + i++);
                double constant = 0;
                for (int j = 0; j < r.cells().size(); j++) {
                    CellKey c = r.cells().get(j);
                    double coefficient = r.coefficients()[j];
                    Variable v = vars.get(c);
                    if (v != null) {
                        e.set(v, coefficient);
                    } else {
                        constant += coefficient * count.get(c);
                    }
                }
                if (r.hidden() > 0) {
                    // A sum over children no table lists: an unknown non-negative part.
                    Variable h = model.addVariable("h" + i).lower(0).weight(0);
                    e.set(h, 1);
                }
                switch (r.kind()) {
                    case EQUAL -> e.level(-constant);
                    case AT_MOST_ZERO -> e.upper(-constant);
                    case AT_LEAST_ZERO -> e.lower(-constant);
                }
            }
            Optimisation.Result result = maximise ? model.maximise() : model.minimise();
            if (result.getState() == Optimisation.State.UNBOUNDED) {
                return maximise ? Double.POSITIVE_INFINITY : 0;
            }
            if (!result.getState().isFeasible()) {
                // The true values satisfy every relation, so this is the solver's trouble: answer as if the cell
                // were pinned at its value, which makes it unprotected and hides more (never less).
                return count.get(target);
            }
            // The objective is the target cell alone: its optimum is the cell's bound.
            return result.getValue();
        }

        /** Parent–child relations between every pair of keys (see the class comment). */
        private void buildRelations() {
            Map<CellKey, Map<String, List<CellKey>>> children = new TreeMap<>();
            for (CellKey key : count.keySet()) {
                for (var part : key.parts().entrySet()) {
                    if (part.getValue().size() != 1) {
                        continue;
                    }
                    CellKey parent = key.without(part.getKey());
                    if (count.containsKey(parent)) {
                        margins.add(parent);
                        children.computeIfAbsent(parent, p -> new TreeMap<>())
                                .computeIfAbsent(part.getKey(), d -> new ArrayList<>())
                                .add(key);
                    }
                }
            }
            Map<String, Boolean> multi = new HashMap<>();
            Map<String, Set<String>> exclusive = new HashMap<>();
            for (CountedTable t : tables) {
                t.dimensions().forEach(d -> multi.merge(d, t.multiResponse().contains(d), Boolean::logicalOr));
                t.exclusive()
                        .forEach((d, codes) -> exclusive
                                .computeIfAbsent(d, x -> new HashSet<>())
                                .addAll(codes));
            }
            children.forEach((parent, byDimension) -> byDimension.forEach((dimension, kids) -> {
                boolean complete = listsAllChildren(parent, dimension);
                if (Boolean.TRUE.equals(multi.get(dimension))) {
                    Set<String> alone = exclusive.getOrDefault(dimension, Set.of());
                    for (CellKey kid : kids) {
                        add(new Relation(List.of(kid, parent), new double[] {1, -1}, Kind.AT_MOST_ZERO, 0));
                    }
                    // A code held only alone and any other code count different persons: together at most the parent.
                    for (CellKey only : kids) {
                        if (!alone.contains(only.parts().get(dimension).first())) {
                            continue;
                        }
                        for (CellKey other : kids) {
                            if (other != only) {
                                add(new Relation(
                                        List.of(only, other, parent), new double[] {1, 1, -1}, Kind.AT_MOST_ZERO, 0));
                            }
                        }
                    }
                    if (complete) {
                        add(sum(kids, parent, Kind.AT_LEAST_ZERO, 0));
                    }
                } else {
                    // Complete: the children add up to the parent. Else an unknown rest completes them.
                    add(sum(kids, parent, Kind.EQUAL, complete ? 0 : 1));
                }
            }));
        }

        /** True when some table lists {@code parent} as a cell and has {@code dimension} among its dimensions. */
        private boolean listsAllChildren(CellKey parent, String dimension) {
            // Such a table lists every child with n > 0 (and, when zeros are hidden, every zero too): a child it
            // does not list is zero, and the attacker knows it.
            Set<String> holding = tablesOf.get(parent);
            return tables.stream()
                    .anyMatch(t -> holding.contains(t.id()) && t.dimensions().contains(dimension));
        }

        /** Σ children − parent (+ hidden part) in relation to 0. */
        private static Relation sum(List<CellKey> kids, CellKey parent, Kind kind, int hiddenPart) {
            List<CellKey> cells = new ArrayList<>(kids);
            cells.add(parent);
            double[] coefficients = new double[cells.size()];
            java.util.Arrays.fill(coefficients, 1);
            coefficients[cells.size() - 1] = -1;
            return new Relation(cells, coefficients, kind, hiddenPart);
        }

        private void add(Relation r) {
            relations.add(r);
            for (CellKey c : r.cells()) {
                relationsOf.computeIfAbsent(c, x -> new ArrayList<>()).add(r);
            }
        }
    }

    private enum Kind {
        EQUAL,
        AT_MOST_ZERO,
        AT_LEAST_ZERO
    }

    /**
     * {@code Σ coefficient·cell (+ h, h ≥ 0 when hidden > 0)} compared with 0.
     *
     * @param hidden 1 when an unknown, non-negative rest of the children completes the sum
     */
    private record Relation(List<CellKey> cells, double[] coefficients, Kind kind, int hidden) {

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}

package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every margin of a table of single-response dimensions, from its interior cells: counts and key sums are both
 * additive there (each person is in exactly one interior cell), so a margin's cell key is the sum of its cells'
 * keys mod 2^32 — the same key the margin's persons would get from any other query. Not for multi-response
 * dimensions, whose margins count persons once and must be counted as such.
 */
public final class Margins {

    private Margins() {}

    /**
     * The table on its full grid: every combination of {@code codes} (and of totals), with a zero cell wherever
     * nobody was counted, so that zeros can be protected like small counts. Empty if the grid would exceed
     * {@code maxCells}.
     */
    public static java.util.Optional<List<TrueCell>> withZeros(
            List<TrueCell> cells, List<List<String>> codes, int maxCells) {
        long size = 1;
        for (List<String> c : codes) {
            size *= c.size() + 1;
            if (size > maxCells) {
                return java.util.Optional.empty();
            }
        }
        Map<List<String>, TrueCell> present = new LinkedHashMap<>();
        cells.forEach(c -> present.put(c.coordinates(), c));
        List<List<String>> grid = new ArrayList<>();
        grid.add(new ArrayList<>());
        for (List<String> dimensionCodes : codes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : grid) {
                for (int v = 0; v <= dimensionCodes.size(); v++) {
                    List<String> extended = new ArrayList<>(prefix);
                    extended.add(v < dimensionCodes.size() ? dimensionCodes.get(v) : null);
                    next.add(extended);
                }
            }
            grid = next;
        }
        List<TrueCell> out = new ArrayList<>(grid.size());
        for (List<String> coordinates : grid) {
            TrueCell cell = present.get(coordinates);
            out.add(cell != null ? cell : new TrueCell(coordinates, 0, 0));
        }
        return java.util.Optional.of(out);
    }

    /** Interior cells plus all 2^d − 1 kinds of margin, the grand total included (with zero count if empty). */
    public static List<TrueCell> cube(List<TrueCell> interior, int dimensions) {
        Map<List<String>, long[]> cells = new LinkedHashMap<>();
        List<String> grand = Arrays.asList(new String[dimensions]);
        cells.put(grand, new long[2]);
        for (TrueCell cell : interior) {
            for (int mask = 0; mask < (1 << dimensions); mask++) {
                List<String> coordinates = new ArrayList<>(cell.coordinates());
                for (int i = 0; i < dimensions; i++) {
                    if ((mask & (1 << i)) != 0) {
                        coordinates.set(i, null);
                    }
                }
                long[] acc = cells.computeIfAbsent(coordinates, c -> new long[2]);
                acc[0] += cell.count();
                acc[1] += cell.keySum();
            }
        }
        List<TrueCell> out = new ArrayList<>(cells.size());
        cells.forEach((coordinates, acc) -> out.add(new TrueCell(coordinates, acc[0], acc[1])));
        out.sort(Comparator.comparing(c ->
                c.coordinates().stream().map(x -> x == null ? "\uffff" : x).reduce("", (a, b) -> a + "\u0000" + b)));
        return out;
    }
}

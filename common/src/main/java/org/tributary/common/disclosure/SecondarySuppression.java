package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Secondary suppression for {@link ReleaseMode#SUPPRESSION_ONLY}, where margins are released exactly and a lone
 * suppressed cell could be recovered by subtraction.
 *
 * <p>Hypercube method: for every primary-suppressed interior cell {@code p}, choose other codes {@code a_i} on
 * every dimension and suppress the 2^d corners of the box spanned by {@code p} and {@code a}. Adding {@code t} to
 * the corners of {@code p}'s parity and subtracting it from the others keeps every margin, so each suppressed
 * value lies in an interval. The box is accepted only if every corner of the other parity holds at least
 * {@code k} persons and every corner of {@code p}'s parity at least one: then every suppressed cell can move by
 * at least one either way (no single value is consistent with the release) and can reach {@code k}. Among
 * acceptable boxes the one hiding the fewest further persons is taken. Tests check the guarantee by linear
 * programming on random 2- and 3-dimensional tables.
 *
 * <p>A table whose suppressed cells cannot all be covered, or that has a suppressed margin, is not released in
 * this mode (margins derivable from other margins would need protection of their own).
 */
final class SecondarySuppression {

    /** Larger tables are refused in this mode rather than searched: the search must stay bounded per request. */
    static final long MAX_GRID = 1_000_000;

    static final long MAX_BOXES = 50_000_000;

    private SecondarySuppression() {}

    /**
     * The interior cells to suppress in addition to {@code primary}, or empty if the table cannot be protected.
     *
     * @param interior counts of the interior cells by coordinates; absent coordinates hold no one
     * @param primary interior coordinates already suppressed
     */
    static Optional<Set<List<String>>> complete(
            int dimensions, Map<List<String>, Long> interior, Set<List<String>> primary, int threshold) {
        return complete(dimensions, interior, primary, threshold, false);
    }

    /**
     * As above; with {@code bestEffort}, primary cells no box can cover are left as they are (for a caller that
     * protects them otherwise) instead of making the whole table unprotectable.
     */
    static Optional<Set<List<String>>> complete(
            int dimensions,
            Map<List<String>, Long> interior,
            Set<List<String>> primary,
            int threshold,
            boolean bestEffort) {
        if (primary.isEmpty()) {
            return Optional.of(Set.of());
        }
        // Cells on a dense grid: the search below looks at every box of every primary cell.
        List<List<String>> codes = new ArrayList<>();
        List<Map<String, Integer>> position = new ArrayList<>();
        int[] stride = new int[dimensions];
        long size = 1;
        for (int i = dimensions - 1; i >= 0; i--) {
            List<String> c = codesOf(interior.keySet(), i);
            codes.add(0, c);
            Map<String, Integer> pos = new HashMap<>();
            for (int j = 0; j < c.size(); j++) {
                pos.put(c.get(j), j);
            }
            position.add(0, pos);
            stride[i] = (int) size;
            size *= c.size();
            if (size > MAX_GRID) {
                return Optional.empty();
            }
        }
        long boxes = primary.size();
        for (List<String> c : codes) {
            boxes *= Math.max(1, c.size() - 1);
            if (boxes > MAX_BOXES) {
                return Optional.empty();
            }
        }
        long[] count = new long[(int) size];
        interior.forEach((coordinates, n) -> count[index(coordinates, position, stride)] = n);
        boolean[] suppressed = new boolean[(int) size];
        for (List<String> p : primary) {
            suppressed[index(p, position, stride)] = true;
        }
        boolean[] added = new boolean[(int) size];
        int[] sizes = codes.stream().mapToInt(List::size).toArray();
        int masks = 1 << dimensions;
        int[] corner = new int[masks];
        int[] best = new int[masks];
        for (List<String> p :
                primary.stream().sorted(Comparator.comparing(Object::toString)).toList()) {
            int[] at = new int[dimensions];
            for (int i = 0; i < dimensions; i++) {
                at[i] = position.get(i).get(p.get(i));
            }
            long bestCost = Long.MAX_VALUE;
            int[] alt = new int[dimensions];
            if (!firstAlternative(alt, at, sizes)) {
                if (bestEffort) {
                    continue;
                }
                return Optional.empty();
            }
            do {
                long cost = 0;
                boolean ok = true;
                for (int mask = 1; mask < masks && ok; mask++) {
                    int idx = 0;
                    for (int i = 0; i < dimensions; i++) {
                        idx += ((mask & (1 << i)) != 0 ? alt[i] : at[i]) * stride[i];
                    }
                    long n = count[idx];
                    ok = Integer.bitCount(mask) % 2 == 1 ? n >= threshold : n >= 1;
                    if (!suppressed[idx]) {
                        cost += n;
                    }
                    corner[mask] = idx;
                }
                if (ok && cost < bestCost) {
                    bestCost = cost;
                    System.arraycopy(corner, 0, best, 0, masks);
                }
            } while (nextAlternative(alt, at, sizes));
            if (bestCost == Long.MAX_VALUE) {
                if (bestEffort) {
                    continue;
                }
                return Optional.empty();
            }
            for (int mask = 1; mask < masks; mask++) {
                if (!suppressed[best[mask]]) {
                    suppressed[best[mask]] = true;
                    added[best[mask]] = true;
                }
            }
        }
        Set<List<String>> out = new HashSet<>();
        for (List<String> coordinates : interior.keySet()) {
            if (added[index(coordinates, position, stride)]) {
                out.add(coordinates);
            }
        }
        return Optional.of(out);
    }

    private static int index(List<String> coordinates, List<Map<String, Integer>> position, int[] stride) {
        int idx = 0;
        for (int i = 0; i < stride.length; i++) {
            idx += position.get(i).get(coordinates.get(i)) * stride[i];
        }
        return idx;
    }

    /** The first choice of one other code per dimension, or false if some dimension has only one code. */
    private static boolean firstAlternative(int[] alt, int[] at, int[] sizes) {
        for (int i = 0; i < alt.length; i++) {
            if (sizes[i] < 2) {
                return false;
            }
            alt[i] = at[i] == 0 ? 1 : 0;
        }
        return true;
    }

    /** The next choice (odometer order, skipping the primary cell's own codes), or false after the last. */
    private static boolean nextAlternative(int[] alt, int[] at, int[] sizes) {
        for (int i = alt.length - 1; i >= 0; i--) {
            int next = alt[i] + 1;
            if (next == at[i]) {
                next++;
            }
            if (next < sizes[i]) {
                alt[i] = next;
                return true;
            }
            alt[i] = at[i] == 0 ? 1 : 0;
        }
        return false;
    }

    private static List<String> codesOf(Set<List<String>> cells, int dimension) {
        List<String> codes = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (List<String> cell : cells) {
            if (seen.putIfAbsent(cell.get(dimension), true) == null) {
                codes.add(cell.get(dimension));
            }
        }
        codes.sort(null);
        return codes;
    }
}

package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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

    private SecondarySuppression() {}

    /**
     * The interior cells to suppress in addition to {@code primary}, or empty if the table cannot be protected.
     *
     * @param interior counts of the interior cells by coordinates; absent coordinates hold no one
     * @param primary interior coordinates already suppressed
     */
    static Optional<Set<List<String>>> complete(
            int dimensions, Map<List<String>, Long> interior, Set<List<String>> primary, int threshold) {
        if (primary.isEmpty()) {
            return Optional.of(Set.of());
        }
        List<List<String>> codes = new ArrayList<>();
        for (int i = 0; i < dimensions; i++) {
            codes.add(new ArrayList<>(new LinkedHashSet<>(codesOf(interior.keySet(), i))));
        }
        Set<List<String>> suppressed = new HashSet<>(primary);
        Set<List<String>> added = new HashSet<>();
        for (List<String> p : primary.stream()
                .sorted(java.util.Comparator.comparing(Object::toString))
                .toList()) {
            Box best = null;
            for (List<String> a : alternatives(p, codes)) {
                Box box = box(p, a, interior, suppressed, threshold);
                if (box != null && (best == null || box.cost < best.cost)) {
                    best = box;
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            for (List<String> corner : best.corners) {
                if (suppressed.add(corner)) {
                    added.add(corner);
                }
            }
        }
        return Optional.of(added);
    }

    private record Box(List<List<String>> corners, long cost) {}

    private static Box box(
            List<String> p, List<String> a, Map<List<String>, Long> interior, Set<List<String>> suppressed, int k) {
        int d = p.size();
        List<List<String>> corners = new ArrayList<>(1 << d);
        long cost = 0;
        for (int mask = 1; mask < (1 << d); mask++) {
            List<String> corner = new ArrayList<>(p);
            for (int i = 0; i < d; i++) {
                if ((mask & (1 << i)) != 0) {
                    corner.set(i, a.get(i));
                }
            }
            long n = interior.getOrDefault(corner, 0L);
            boolean otherParity = Integer.bitCount(mask) % 2 == 1;
            if (otherParity ? n < k : n < 1) {
                return null;
            }
            if (!suppressed.contains(corner)) {
                cost += n;
            }
            corners.add(corner);
        }
        return new Box(corners, cost);
    }

    /** Every choice of one other code per dimension. */
    private static List<List<String>> alternatives(List<String> p, List<List<String>> codes) {
        List<List<String>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (int i = 0; i < p.size(); i++) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String code : codes.get(i)) {
                    if (!code.equals(p.get(i))) {
                        List<String> extended = new ArrayList<>(prefix);
                        extended.add(code);
                        next.add(extended);
                    }
                }
            }
            out = next;
        }
        return out;
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

package org.tributary.common.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Random count tables with every margin, as a node would count them (single-response dimensions). */
final class Tables {

    private Tables() {}

    static final byte[] SECRET = "a-test-secret-of-32-bytes-length".getBytes();

    static DisclosurePolicy policy(int k, int b, ReleaseMode mode) {
        return new DisclosurePolicy(1, k, b, mode, k, Set.of("a", "b", "c"), 3, false, false);
    }

    /** Interior counts on a full grid of {@code sizes}, skewed so that zeros and small cells are common. */
    static Map<List<String>, Long> randomInterior(Random r, int... sizes) {
        return randomInteriorMix(r, 20, 20, sizes);
    }

    /** As above, with {@code zeroPercent} true zeros and {@code smallPercent} counts of 1 to 4. */
    static Map<List<String>, Long> randomInteriorMix(Random r, int zeroPercent, int smallPercent, int... sizes) {
        Map<List<String>, Long> interior = new HashMap<>();
        for (List<String> coordinates : grid(sizes)) {
            int kind = r.nextInt(100);
            long n = kind < zeroPercent ? 0 : kind < zeroPercent + smallPercent ? 1 + r.nextInt(4) : 5 + r.nextInt(60);
            interior.put(coordinates, n);
        }
        return interior;
    }

    static List<List<String>> grid(int... sizes) {
        List<List<String>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (int d = 0; d < sizes.length; d++) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (int v = 0; v < sizes[d]; v++) {
                    List<String> c = new ArrayList<>(prefix);
                    c.add("d" + d + "v" + v);
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
    }

    /** Interior cells plus every margin (null where summed over), with random record keys summed per cell. */
    static List<TrueCell> withMargins(Map<List<String>, Long> interior, int dimensions, Random r) {
        Map<List<String>, long[]> cells = new HashMap<>();
        for (var e : interior.entrySet()) {
            long key = r.nextInt() * e.getValue();
            for (int mask = 0; mask < (1 << dimensions); mask++) {
                List<String> c = new ArrayList<>(e.getKey());
                for (int i = 0; i < dimensions; i++) {
                    if ((mask & (1 << i)) != 0) {
                        c.set(i, null);
                    }
                }
                long[] acc = cells.computeIfAbsent(c, x -> new long[2]);
                acc[0] += e.getValue();
                acc[1] += key;
            }
        }
        List<TrueCell> out = new ArrayList<>();
        cells.forEach((c, acc) -> out.add(new TrueCell(c, acc[0], acc[1])));
        out.sort(java.util.Comparator.comparing(c -> c.coordinates().toString()));
        return out;
    }
}

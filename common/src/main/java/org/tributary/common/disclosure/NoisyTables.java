package org.tributary.common.disclosure;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differentially private count tables: discrete Gaussian noise on every cell of the query's grid (zeros included:
 * leaving out empty cells would tell which combinations exist), margins as sums of noisy cells (post-processing,
 * which costs no privacy), every released value a non-negative integer outside {@code 1..k−1}.
 *
 * <p><b>Contribution.</b> Over single-response dimensions a person is in exactly one interior cell. In a
 * multi-response dimension the node counts a person in at most {@code c} of their codes (the bound), and margins over
 * that dimension, which count persons once, cannot be sums of cells: they come from their own noisy histogram (the
 * table without that dimension). The node counts one histogram per subset {@code A} of the multi-response dimensions
 * collapsed; a person adds at most {@code Π_{m ∉ A} c} to the squared change of histogram {@code A}, so the table's
 * squared sensitivity is {@code Δ² = Π_m (c + 1)} (1 without multi-response dimensions) and its privacy loss
 * {@code ρ = Δ² / 2σ²}.
 *
 * <p><b>Consistency.</b> A noisy value is drawn once per cell definition (what the cell counts, whatever query it
 * appears in) and release period, and kept: asking again, or asking another query containing the same cell, gives
 * the same value and no fresh noise to average. The node stores the drawn values; this class is handed the earlier
 * ones and returns the new ones.
 */
public final class NoisyTables {

    private NoisyTables() {}

    /**
     * A cell of one histogram of the query's grid, as counted on the node.
     *
     * @param coordinates one code per dimension; {@code null} for a multi-response dimension this histogram collapses
     * @param count persons in the cell (each counted in at most the bound's number of codes of every multi-response
     *     dimension not collapsed)
     * @param definition what the cell counts, independent of the query it appears in: the key of its noisy value
     */
    public record GridCell(List<String> coordinates, long count, String definition) {

        public GridCell {
            coordinates = Collections.unmodifiableList(new ArrayList<>(coordinates));
        }
    }

    /**
     * Every histogram of a query's grid.
     *
     * @param multiResponse per dimension, whether it is multi-response
     * @param histograms by the bit mask of the multi-response dimensions (by position) they collapse; mask 0 is the
     *     interior; each histogram lists every cell of its grid, zeros included
     */
    public record Counted(
            List<String> dimensions, List<Boolean> multiResponse, Map<Integer, List<GridCell>> histograms) {

        public Counted {
            dimensions = List.copyOf(dimensions);
            multiResponse = List.copyOf(multiResponse);
            histograms = Map.copyOf(histograms);
        }

        /** Δ² = Π over multi-response dimensions of (bound + 1). */
        public long squaredSensitivity(int bound) {
            long d2 = 1;
            for (boolean m : multiResponse) {
                if (m) {
                    d2 *= bound + 1L;
                }
            }
            return d2;
        }

        int multiMask() {
            int mask = 0;
            for (int i = 0; i < multiResponse.size(); i++) {
                if (multiResponse.get(i)) {
                    mask |= 1 << i;
                }
            }
            return mask;
        }
    }

    /**
     * @param cells every interior cell and margin, noisy, non-negative
     * @param drawn the noisy values drawn now (by definition), to be kept for the period
     * @param noisyPopulation the noisy grand total before negative values were set to 0: the protected {@code N}
     */
    public record Noisy(List<ReleasedCell> cells, Map<String, Long> drawn, long noisyPopulation) {}

    /**
     * Noisy cells and margins for a counted grid.
     *
     * @param earlier noisy values already drawn in this period, by definition
     */
    public static Noisy release(
            Counted counted, DiscreteGaussian noise, Map<String, Long> earlier, RandomWords random) {
        return release(counted, noise, 1, earlier, random);
    }

    /**
     * As above, with values shown so that none lies in {@code 1..k−1}: a noisy value below {@code k} is shown as 0 or
     * {@code k}, whichever is nearer (post-processing: it costs no privacy, and keeps the law every released number
     * obeys, whatever path it took).
     */
    public static Noisy release(
            Counted counted, DiscreteGaussian noise, int threshold, Map<String, Long> earlier, RandomWords random) {
        int dims = counted.dimensions().size();
        int multiMask = counted.multiMask();
        Map<String, Long> drawn = new LinkedHashMap<>();
        // Noisy value of every histogram cell, by histogram mask and coordinates.
        Map<Integer, Map<List<String>, Long>> noisy = new HashMap<>();
        counted.histograms().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(h -> {
                    Map<List<String>, Long> values = new LinkedHashMap<>();
                    for (GridCell cell : h.getValue()) {
                        Long value = earlier.get(cell.definition());
                        if (value == null) {
                            value = drawn.get(cell.definition());
                        }
                        if (value == null) {
                            value = cell.count() + noise.sample(random);
                            drawn.put(cell.definition(), value);
                        }
                        values.put(cell.coordinates(), value);
                    }
                    noisy.put(h.getKey(), values);
                });
        // Every interior cell and margin: a margin collapses a set of dimensions; its multi-response part picks the
        // histogram, its single-response part is summed over that histogram's cells.
        Map<List<String>, long[]> out = new LinkedHashMap<>();
        for (int mask = 0; mask < (1 << dims); mask++) {
            int histogram = mask & multiMask;
            Map<List<String>, Long> source = noisy.get(histogram);
            if (source == null) {
                throw new IllegalArgumentException("histogram " + histogram + " was not counted");
            }
            for (var e : source.entrySet()) {
                List<String> at = new ArrayList<>(e.getKey());
                for (int i = 0; i < dims; i++) {
                    if ((mask & (1 << i)) != 0) {
                        at.set(i, null);
                    }
                }
                long[] acc = out.computeIfAbsent(at, k -> new long[2]);
                acc[0] += e.getValue();
                acc[1]++;
            }
        }
        List<ReleasedCell> cells = new ArrayList<>(out.size());
        long population = 0;
        for (var e : out.entrySet()) {
            long value = shown(e.getValue()[0], threshold);
            cells.add(ReleasedCell.noisy(e.getKey(), value, standardError(noise.sigma(), e.getValue()[1])));
            if (e.getKey().stream().allMatch(java.util.Objects::isNull)) {
                population = e.getValue()[0];
            }
        }
        return new Noisy(cells, drawn, population);
    }

    /** A noisy value as shown: never negative, never in {@code 1..k−1}. */
    static long shown(long noisy, int threshold) {
        if (noisy <= 0) {
            return 0;
        }
        if (noisy < threshold) {
            return 2 * noisy < threshold ? 0 : threshold;
        }
        return noisy;
    }

    /** σ·√m for a sum of m noisy cells, to two decimals (the discrete Gaussian's deviation is at most σ). */
    static BigDecimal standardError(int sigma, long cellsSummed) {
        return BigDecimal.valueOf(sigma)
                .multiply(BigDecimal.valueOf(cellsSummed).sqrt(MathContext.DECIMAL64))
                .setScale(2, RoundingMode.HALF_UP);
    }

    /** All combinations of the codes, in order (the grid of a histogram). */
    public static List<List<String>> grid(List<List<String>> codes) {
        List<List<String>> grid = new ArrayList<>();
        grid.add(new ArrayList<>());
        for (List<String> dimension : codes) {
            List<List<String>> next = new ArrayList<>(grid.size() * Math.max(1, dimension.size()));
            for (List<String> prefix : grid) {
                for (String code : dimension) {
                    List<String> extended = new ArrayList<>(prefix);
                    extended.add(code);
                    next.add(extended);
                }
            }
            grid = next;
        }
        return grid;
    }

    /** The size of a grid, or {@code Long.MAX_VALUE} if it does not fit in a long. */
    public static long gridSize(List<List<String>> codes) {
        long size = 1;
        for (List<String> c : codes) {
            size = Math.multiplyHigh(size, c.size()) != 0 ? Long.MAX_VALUE : size * c.size();
            if (size == Long.MAX_VALUE) {
                return size;
            }
        }
        return size;
    }
}

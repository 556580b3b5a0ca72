package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoisyTablesTest {

    static RandomWords seeded(long seed) {
        var r = new SplittableRandom(seed);
        return r::nextLong;
    }

    /** A 2 × 3 grid of one histogram (no multi-response dimension), with definitions naming each cell. */
    static NoisyTables.Counted grid(long... counts) {
        List<NoisyTables.GridCell> cells = new ArrayList<>();
        int i = 0;
        for (String a : List.of("a1", "a2")) {
            for (String b : List.of("b1", "b2", "b3")) {
                cells.add(new NoisyTables.GridCell(List.of(a, b), counts[i++], "{a=" + a + ",b=" + b + "}"));
            }
        }
        return new NoisyTables.Counted(List.of("a", "b"), List.of(false, false), Map.of(0, cells));
    }

    @Test
    void everyValueIsANonNegativeIntegerAndMarginsAreSumsOfTheNoisyCells() {
        var counted = grid(0, 1, 2, 40, 0, 7);
        var noisy = NoisyTables.release(counted, new DiscreteGaussian(20), Map.of(), seeded(1));
        assertThat(noisy.drawn()).hasSize(6);
        Map<List<String>, Long> value = new HashMap<>();
        noisy.cells().forEach(c -> value.put(c.coordinates(), c.value()));
        assertThat(noisy.cells()).hasSize(6 + 2 + 3 + 1);
        assertThat(noisy.cells()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CellStatus.NOISY);
            assertThat(c.value()).isNotNegative();
        });
        long rowSum = noisy.drawn().get("{a=a1,b=b1}")
                + noisy.drawn().get("{a=a1,b=b2}")
                + noisy.drawn().get("{a=a1,b=b3}");
        assertThat(value.get(Arrays.asList("a1", null))).isEqualTo(Math.max(0, rowSum));
        long all = noisy.drawn().values().stream().mapToLong(Long::longValue).sum();
        assertThat(noisy.noisyPopulation()).isEqualTo(all);
        var se = noisy.cells().stream()
                .filter(c -> c.coordinates().equals(Arrays.asList(null, null)))
                .findFirst()
                .orElseThrow()
                .standardError();
        assertThat(se).isEqualByComparingTo("48.99"); // 20·√6
    }

    @Test
    void aCellDrawnEarlierInThePeriodKeepsItsValueAndDrawsNoFreshNoise() {
        var counted = grid(3, 1, 2, 40, 0, 7);
        var first = NoisyTables.release(counted, new DiscreteGaussian(20), Map.of(), seeded(2));
        var again = NoisyTables.release(counted, new DiscreteGaussian(20), first.drawn(), seeded(3));
        assertThat(again.drawn()).isEmpty();
        assertThat(again.cells()).isEqualTo(first.cells());
    }

    @Test
    void multiResponseMarginsComeFromThePersonsOnceHistogram() {
        // Dimension b is multi-response: the interior counts persons per code, the histogram with b collapsed
        // counts them once per a.
        List<NoisyTables.GridCell> interior = new ArrayList<>();
        List<NoisyTables.GridCell> once = new ArrayList<>();
        for (String a : List.of("a1", "a2")) {
            for (String b : List.of("b1", "b2")) {
                interior.add(new NoisyTables.GridCell(List.of(a, b), 10, a + b));
            }
            once.add(new NoisyTables.GridCell(Arrays.asList(a, null), 15, a + "*"));
        }
        var counted = new NoisyTables.Counted(List.of("a", "b"), List.of(false, true), Map.of(0, interior, 2, once));
        assertThat(counted.squaredSensitivity(2)).isEqualTo(3);
        var noisy = NoisyTables.release(counted, new DiscreteGaussian(5), Map.of(), seeded(4));
        Map<List<String>, ReleasedCell> cells = new HashMap<>();
        noisy.cells().forEach(c -> cells.put(c.coordinates(), c));
        assertThat(cells.get(Arrays.asList("a1", null)).value())
                .isEqualTo(Math.max(0, noisy.drawn().get("a1*")));
        assertThat(cells.get(Arrays.asList(null, "b1")).value())
                .isEqualTo(Math.max(0, noisy.drawn().get("a1b1") + noisy.drawn().get("a2b1")));
        assertThat(cells.get(Arrays.asList(null, null)).value())
                .isEqualTo(Math.max(0, noisy.drawn().get("a1*") + noisy.drawn().get("a2*")));
    }
}

package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarginsTest {

    @Test
    void marginsFromInteriorCellsEqualMarginsCountedDirectly() {
        var seeds = new Random(21);
        for (int t = 0; t < 200; t++) {
            var r = new Random(seeds.nextLong());
            int d = 1 + r.nextInt(3);
            int[] sizes = new int[d];
            for (int i = 0; i < d; i++) {
                sizes[i] = 1 + r.nextInt(4);
            }
            var direct = Tables.withMargins(Tables.randomInterior(r, sizes), d, new Random(5));
            List<TrueCell> interior =
                    direct.stream().filter(TrueCell::isInterior).toList();
            Map<List<String>, TrueCell> expected = new HashMap<>();
            direct.forEach(c -> expected.put(c.coordinates(), c));
            var computed = Margins.cube(interior, d);
            assertThat(computed).hasSize(expected.size());
            for (TrueCell c : computed) {
                var e = expected.get(c.coordinates());
                assertThat(c.count()).isEqualTo(e.count());
                assertThat(c.cellKey()).as("key sums are additive mod 2^32").isEqualTo(e.cellKey());
            }
        }
    }

    @Test
    void theFullGridAddsAZeroCellWhereNobodyWasCountedAndRefusesHugeGrids() {
        var cells =
                List.of(new TrueCell(List.of("F"), 7, 1), new TrueCell(java.util.Arrays.asList((String) null), 7, 1));
        var full =
                Margins.withZeros(cells, List.of(List.of("F", "M", "X")), 100).orElseThrow();
        assertThat(full).hasSize(4);
        assertThat(full)
                .filteredOn(c -> "M".equals(c.coordinates().get(0)))
                .singleElement()
                .satisfies(c -> assertThat(c.count()).isZero());
        assertThat(Margins.withZeros(cells, List.of(List.of("a", "b", "c"), List.of("d", "e", "f")), 15))
                .isEmpty();
    }

    @Test
    void anEmptyTableStillHasAGrandTotalOfZero() {
        assertThat(Margins.cube(List.of(), 2)).singleElement().satisfies(c -> {
            assertThat(c.count()).isZero();
            assertThat(c.coordinates()).containsOnlyNulls();
        });
    }
}

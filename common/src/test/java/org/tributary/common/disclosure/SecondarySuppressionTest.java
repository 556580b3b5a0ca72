package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecondarySuppressionTest {

    @Test
    void aLoneSmallCellGetsABoxOfComplementsHidingTheFewestPersons() {
        Map<List<String>, Long> interior = Map.of(
                List.of("r1", "c1"),
                2L,
                List.of("r1", "c2"),
                40L,
                List.of("r1", "c3"),
                9L,
                List.of("r2", "c1"),
                30L,
                List.of("r2", "c2"),
                50L,
                List.of("r2", "c3"),
                8L);
        var added = SecondarySuppression.complete(2, interior, Set.of(List.of("r1", "c1")), 5)
                .orElseThrow();
        // The box r1/r2 x c1/c3: the other-parity corners (r1,c3)=9 and (r2,c1)=30 hold at least k.
        assertThat(added).containsExactlyInAnyOrder(List.of("r1", "c3"), List.of("r2", "c1"), List.of("r2", "c3"));
    }

    @Test
    void aTableWithoutAnAcceptableBoxCannotBeProtected() {
        Map<List<String>, Long> interior = Map.of(
                List.of("r1", "c1"), 2L, List.of("r1", "c2"), 3L, List.of("r2", "c1"), 1L, List.of("r2", "c2"), 4L);
        assertThat(SecondarySuppression.complete(
                        2, interior, Set.of(List.of("r1", "c1"), List.of("r1", "c2"), List.of("r2", "c1")), 5))
                .isEmpty();
    }

    @Test
    void nothingToProtectAddsNothing() {
        assertThat(SecondarySuppression.complete(1, Map.of(List.of("a"), 10L), Set.of(), 5))
                .contains(Set.of());
    }
}

package org.tributary.common.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalogue keeps the shape the linked suppression's audit is complete for: every table by year, of identified
 * victims; no two tables sharing a dimension besides {@code year} and {@code returned} unless one's dimensions
 * contain the other's (a decomposable star); no recoding of one dimension by another.
 */
class CatalogueTablesTest {

    static Set<String> scope(CatalogueTable t) {
        Set<String> s = new HashSet<>(t.dimensions());
        s.addAll(t.filters().keySet());
        s.remove(CatalogueTables.IDENTIFIED_DIMENSION);
        return s;
    }

    @Test
    void everyTableCountsIdentifiedVictimsByYearFirst() {
        assertThat(CatalogueTables.all()).hasSize(15).allSatisfy(t -> {
            assertThat(t.dimensions().get(0)).isEqualTo("year");
            assertThat(t.filters().get(CatalogueTables.IDENTIFIED_DIMENSION))
                    .containsExactlyInAnyOrderElementsOf(CatalogueTables.IDENTIFIED);
            assertThat(t.dimensions().size()).isBetween(1, 3);
        });
        assertThat(CatalogueTables.all().stream().map(CatalogueTable::id).distinct())
                .hasSize(15);
    }

    @Test
    void theTablesFormADecomposableStarAroundYearAndReturned() {
        List<CatalogueTable> all = CatalogueTables.all();
        for (CatalogueTable a : all) {
            for (CatalogueTable b : all) {
                if (a == b) {
                    continue;
                }
                Set<String> shared = new HashSet<>(scope(a));
                shared.retainAll(scope(b));
                boolean nested = scope(a).containsAll(scope(b)) || scope(b).containsAll(scope(a));
                assertThat(Set.of("year", "returned").containsAll(shared) || nested)
                        .as("%s and %s share %s", a.id(), b.id(), shared)
                        .isTrue();
            }
        }
    }

    /** Dimensions that recode another: child/adult groups age bands; assisted is "any destination service"; ... */
    static final List<Set<String>> RECODINGS = List.of(
            Set.of("childAdult", "ageBand"),
            Set.of("assistedAtDestination", "destinationService"),
            Set.of("reintegrationService", "originService"));

    @Test
    void theTablesReleasedInSuppressionOnlyModeHoldNoRecodingOfADimension() {
        Set<String> used = new HashSet<>();
        CatalogueTables.all().stream().filter(t -> t.recodes() == null).forEach(t -> used.addAll(scope(t)));
        for (Set<String> pair : RECODINGS) {
            assertThat(used.containsAll(pair)).as("%s both released", pair).isFalse();
        }
        assertThat(CatalogueTables.byId("reintegration-core").orElseThrow().recodes())
                .isEqualTo("origin-services");
    }
}

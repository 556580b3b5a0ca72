package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The whole catalogue as a node with 3,000 synthetic cases counted it (test resource), protected as one linked set in
 * SUPPRESSION_ONLY mode, then audited from what was released by {@link LinkedAudit}, written apart from the
 * engine's own program. No hidden cell may be pinned, and the truth must lie in every interval the audit finds.
 */
class LinkedCatalogueFixtureTest {

    @Test
    void theLinkedCatalogueOfASampleNodeHidesEverySmallCellAndPinsNone() {
        var fixture = LinkedFixture.read("/linked-catalogue-sample.txt");
        long started = System.nanoTime();
        var outcome = LinkedSuppression.protect(fixture.tables(), fixture.threshold(), Map.of());
        long millis = (System.nanoTime() - started) / 1_000_000;
        int k = fixture.threshold();
        assertThat(outcome.withheld()).isEmpty();

        // What the attacker reads: every released value by key; every hidden key an unknown.
        Map<CellKey, Long> released = new HashMap<>();
        Map<CellKey, Long> truth = new HashMap<>();
        Map<CellKey, Integer> unknown = new TreeMap<>();
        int cells = 0;
        for (var table : fixture.tables()) {
            var out = outcome.released().get(table.id());
            for (int i = 0; i < table.cells().size(); i++) {
                TrueCell c = table.cells().get(i);
                ReleasedCell r = out.get(i);
                CellKey key = CellKey.of(table.filters(), table.dimensions(), c.coordinates());
                truth.put(key, c.count());
                cells++;
                if (r.suppressed()) {
                    unknown.putIfAbsent(key, unknown.size());
                } else {
                    assertThat(r.value()).as("nothing in 1..k-1").matches(v -> v == 0 || v >= k);
                    assertThat(r.value()).as("exact in this mode").isEqualTo(c.count());
                    Long before = released.put(key, r.value());
                    assertThat(before == null || before.equals(r.value())).isTrue();
                }
            }
        }
        assertThat(unknown.keySet())
                .as("a key is hidden in every table or in none")
                .doesNotContainAnyElementsOf(released.keySet());
        for (var e : truth.entrySet()) {
            if (e.getValue() > 0 && e.getValue() < k) {
                assertThat(unknown).containsKey(e.getKey());
            }
        }

        List<LinkedAudit.Table> published = new ArrayList<>();
        for (var table : fixture.tables()) {
            published.add(new LinkedAudit.Table(
                    table.id(),
                    table.dimensions(),
                    table.filters(),
                    table.multiResponse(),
                    table.exclusive(),
                    outcome.released().get(table.id())));
        }
        var audit = LinkedAudit.audit(published, k);
        for (var e : audit.intervals().entrySet()) {
            long n = truth.get(e.getKey());
            assertThat((double) n)
                    .as("the truth is feasible")
                    .isBetween(e.getValue()[0] - 1e-6, e.getValue()[1] + 1e-6);
        }
        int pinned = audit.pinned().size();
        assertThat(audit.inconsistent()).isEmpty();
        assertThat(audit.hidden()).isEqualTo(unknown.size());
        System.out.printf(
                "linked catalogue of a sample node (3,000 cases, 16 tables, %d cells, k = %d): %d primary and %d"
                        + " secondary hidden, %d linear programs, %d ms; audit: %d of %d hidden keys pinned%n",
                cells,
                k,
                outcome.primary(),
                outcome.secondary(),
                outcome.linearPrograms(),
                millis,
                pinned,
                unknown.size());
        assertThat(pinned).isZero();
    }
}

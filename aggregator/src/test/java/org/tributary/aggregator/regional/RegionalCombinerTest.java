package org.tributary.aggregator.regional;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegionalCombinerTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    static NodeAnswer.Cell value(String gender, long v) {
        return new NodeAnswer.Cell(Map.of("gender", gender), v, false);
    }

    static NodeAnswer.Cell suppressed(String gender) {
        return new NodeAnswer.Cell(Map.of("gender", gender), null, true);
    }

    static NodeAnswer ok(String node, int k, NodeAnswer.Cell... cells) {
        return new NodeAnswer(
                node, node.toUpperCase(), NodeStatus.OK, null, 3L, k, "ROUNDING", Set.of(), AT, true, List.of(cells));
    }

    static RegionalTable.RegionalCell cell(RegionalTable table, String gender) {
        return table.cells().stream()
                .filter(c -> c.coordinates().get("gender").equals(gender))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void regionalCellsAreSumsOfReleasedValuesWhenNothingIsSuppressed() {
        var table = new RegionalCombiner(2)
                .combine(List.of(
                        ok("kh", 5, value("F", 35), value("M", 20), value("_T", 55)),
                        ok("th", 5, value("F", 10), value("M", 15), value("_T", 25))));
        assertThat(cell(table, "F").lower()).isEqualTo(45);
        assertThat(cell(table, "F").isInterval()).isFalse();
        assertThat(cell(table, "_T").upper()).isEqualTo(80);
        assertThat(table.partial()).isFalse();
    }

    @Test
    void suppressedCountryCellsMakeAnIntervalUsingEachCountrysThreshold() {
        var table = new RegionalCombiner(2)
                .combine(List.of(
                        ok("kh", 5, value("X", 10)), ok("th", 5, suppressed("X")), ok("vn", 7, suppressed("X"))));
        var x = cell(table, "X");
        assertThat(x.isInterval()).isTrue();
        assertThat(x.lower()).isEqualTo(10);
        assertThat(x.upper()).isEqualTo(10 + 4 + 6);
        assertThat(x.suppressedNodes()).isEqualTo(2);
    }

    @Test
    void noFigureIsPublishedFromFewerThanMinContributingNodesAndMissingNodesAreNamed() {
        var table = new RegionalCombiner(2)
                .combine(List.of(
                        ok("kh", 5, value("F", 35)),
                        NodeAnswer.failed("th", "TH", NodeStatus.TIMEOUT, null),
                        NodeAnswer.failed("vn", "VN", NodeStatus.REFUSED, "POPULATION_TOO_SMALL"),
                        NodeAnswer.failed("la", "LA", NodeStatus.CIRCUIT_OPEN, null)));
        var f = cell(table, "F");
        assertThat(f.lower()).isNull();
        assertThat(f.upper()).isNull();
        assertThat(f.unpublishedReason()).contains("fewer than 2");
        assertThat(table.partial()).isTrue();
        assertThat(table.nodes())
                .extracting(NodeReport::status)
                .containsExactly("ok", "timeout", "refused", "circuit-open");
        assertThat(table.nodes().get(2).reason()).isEqualTo("POPULATION_TOO_SMALL");
    }

    @Test
    void aCellOneCountryOmitsCountsAsZeroOnlyWhenThatCountrySaysAbsentCellsAreZero() {
        var zeroes = ok("kh", 5, value("F", 35));
        var listsAll = new NodeAnswer(
                "th", "TH", NodeStatus.OK, null, 1L, 5, "ROUNDING", Set.of(), AT, false, List.of(value("M", 10)));
        var table = new RegionalCombiner(2).combine(List.of(zeroes, listsAll));
        assertThat(cell(table, "M").lower()).as("kh omits M: zero").isEqualTo(10);
        assertThat(cell(table, "F").lower())
                .as("th omits F but lists every cell it has: unknown")
                .isNull();
        assertThat(cell(table, "F").unpublishedReason()).isNotNull();
    }

    /**
     * Over random releases (rounded values and suppressed cells), the regional interval always holds the sum of
     * the true counts behind it, up to each country's rounding error, and is exact when nothing was suppressed.
     */
    @Test
    void everyRegionalIntervalHoldsTheTruthUpToRounding() {
        var r = new Random(31);
        for (int t = 0; t < 2000; t++) {
            int nodes = 2 + r.nextInt(4);
            long truth = 0;
            List<NodeAnswer> answers = new java.util.ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                int k = 3 + r.nextInt(5);
                long n = r.nextInt(4) == 0 ? 1 + r.nextInt(k - 1) : r.nextInt(60);
                truth += n;
                NodeAnswer.Cell c = n > 0 && n < k
                        ? suppressed("F")
                        : value("F", n - n % 5 + (r.nextBoolean() && n % 5 != 0 ? 5 : 0));
                answers.add(ok("n" + i, k, c));
            }
            var f = cell(new RegionalCombiner(2).combine(answers), "F");
            long roundingSlack = 5L * nodes;
            assertThat(truth).isBetween(f.lower() - roundingSlack, f.upper() + roundingSlack);
            if (f.suppressedNodes() == 0) {
                assertThat(f.lower()).isEqualTo(f.upper());
            }
        }
    }

    @Test
    void aSuppressionOnlyCountryBoundsItsSuppressedCellsByItsExactMarginsNotByItsThreshold() {
        // Secondary suppression hides cells of any size: 40 persons in F can be suppressed beside a suppressed M.
        NodeAnswer suppressionOnly = new NodeAnswer(
                "th",
                "TH",
                NodeStatus.OK,
                null,
                2L,
                5,
                "SUPPRESSION_ONLY",
                Set.of(),
                AT,
                true,
                List.of(suppressed("F"), suppressed("M"), value("X", 7), value("_T", 50)));
        var table = new RegionalCombiner(2).combine(List.of(ok("kh", 5, value("F", 10)), suppressionOnly));
        var f = cell(table, "F");
        assertThat(f.lower()).isEqualTo(10);
        assertThat(f.upper())
                .as("10 + (50 - 7): the margin less the released sibling")
                .isEqualTo(53);
    }

    @Test
    void inAMultiResponseDimensionOnlyTheMarginItselfBoundsASuppressedCell() {
        NodeAnswer multi = new NodeAnswer(
                "th",
                "TH",
                NodeStatus.OK,
                null,
                2L,
                5,
                "SUPPRESSION_ONLY",
                Set.of("gender"),
                AT,
                true,
                List.of(suppressed("F"), value("M", 30), value("_T", 35)));
        var table = new RegionalCombiner(2).combine(List.of(ok("kh", 5, value("F", 10)), multi));
        assertThat(cell(table, "F").upper()).isEqualTo(10 + 35);
    }

    @Test
    void aSuppressionOnlyCellWithoutAReleasedMarginIsNotPublished() {
        NodeAnswer noMargin = new NodeAnswer(
                "th",
                "TH",
                NodeStatus.OK,
                null,
                2L,
                5,
                "SUPPRESSION_ONLY",
                Set.of(),
                AT,
                true,
                List.of(suppressed("F"), suppressed("_T")));
        var table = new RegionalCombiner(2).combine(List.of(ok("kh", 5, value("F", 10)), noMargin));
        assertThat(cell(table, "F").lower()).isNull();
        assertThat(cell(table, "F").unpublishedReason()).contains("no released bound");
    }
}

package org.tributary.aggregator.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.regional.AreaValue;
import org.tributary.aggregator.regional.NodeAnswer;
import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.aggregator.regional.Observation;
import org.tributary.aggregator.regional.ObservationStatus;
import org.tributary.aggregator.regional.RegionalCombiner;

class IndicatorCalculatorTest {

    static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    /** A node's released cells for dimension {@code informedOfEntitlements}: yes, no, total (null: suppressed). */
    static NodeAnswer node(String country, Long yes, Long no, Long total) {
        List<NodeAnswer.Cell> cells = new ArrayList<>();
        add(cells, "yes", yes);
        add(cells, "no", no);
        add(cells, "_T", total);
        return new NodeAnswer(
                country.toLowerCase(), country, NodeStatus.OK, null, 1L, 5, "ROUNDING", Set.of(), AT, true, cells);
    }

    static void add(List<NodeAnswer.Cell> cells, String code, Long value) {
        Map<String, String> at = Map.of("informedOfEntitlements", code);
        cells.add(value == null ? new NodeAnswer.Cell(at, null, true) : new NodeAnswer.Cell(at, value, false));
    }

    static AreaValue.Lookup lookup(NodeAnswer... answers) {
        var list = List.of(answers);
        return new RegionalCombiner(2).combined("GMS", list);
    }

    static Series share(Measure measure) {
        return new Series("informed-of-entitlements", List.of("informedOfEntitlements"), Map.of(), measure);
    }

    static Observation find(List<Observation> all, String area) {
        return all.stream().filter(o -> o.area().equals(area)).findFirst().orElseThrow();
    }

    @Test
    void aShareIsTheReleasedNumeratorOverTheReleasedDenominatorOfTheSameArea() {
        var obs = IndicatorCalculator.observations(
                share(Measure.Share.of("informedOfEntitlements", "yes")),
                lookup(node("KH", 30L, 70L, 100L), node("TH", 10L, 40L, 50L)));
        assertThat(find(obs, "KH").value()).isEqualByComparingTo(new BigDecimal("0.3"));
        assertThat(find(obs, "KH").numerator()).isEqualTo(30);
        assertThat(find(obs, "KH").denominator()).isEqualTo(100);
        assertThat(find(obs, "GMS").value()).isEqualByComparingTo(new BigDecimal("0.2667"));
        assertThat(find(obs, "GMS").coordinates()).containsEntry("informedOfEntitlements", "yes");
    }

    @Test
    void aShareWithASuppressedPartIsUnavailableWithTheReasonInTheCountryAndTheRegion() {
        var obs = IndicatorCalculator.observations(
                share(Measure.Share.of("informedOfEntitlements", "yes")),
                lookup(node("KH", null, 95L, 100L), node("TH", 10L, 40L, 50L)));
        assertThat(find(obs, "KH").status()).isEqualTo(ObservationStatus.UNAVAILABLE);
        assertThat(find(obs, "KH").value()).isNull();
        assertThat(find(obs, "KH").note()).contains("numerator").contains("suppressed");
        assertThat(find(obs, "GMS").status()).isEqualTo(ObservationStatus.UNAVAILABLE);
        assertThat(find(obs, "GMS").note()).contains("numerator").contains("interval");
        assertThat(find(obs, "TH").value()).isEqualByComparingTo(new BigDecimal("0.2"));
    }

    @Test
    void aShareOverNoPersonsIsUnavailableNotZero() {
        var obs = IndicatorCalculator.observations(
                share(Measure.Share.of("informedOfEntitlements", "yes")),
                lookup(node("KH", 0L, 0L, 0L), node("TH", 10L, 40L, 50L)));
        assertThat(find(obs, "KH").status()).isEqualTo(ObservationStatus.UNAVAILABLE);
        assertThat(find(obs, "KH").note()).contains("no persons");
    }

    @Test
    void aComplementShareCountsEveryoneButTheNamedCodeFromReleasedValues() {
        var obs = IndicatorCalculator.observations(
                share(Measure.Share.allBut("informedOfEntitlements", "no", "informed", "not-no")),
                lookup(node("KH", 30L, 70L, 100L), node("TH", 10L, 40L, 50L)));
        assertThat(find(obs, "KH").value()).isEqualByComparingTo(new BigDecimal("0.3"));
        assertThat(find(obs, "KH").coordinates()).containsEntry("informed", "not-no");
        assertThat(find(obs, "GMS").value()).isEqualByComparingTo(new BigDecimal("0.2667"));
    }

    @Test
    void eachCodeGivesOneShareForEveryReleasedCode() {
        var obs = IndicatorCalculator.observations(
                share(Measure.Share.each("informedOfEntitlements", "informed")),
                lookup(node("KH", 30L, 70L, 100L), node("TH", 10L, 40L, 50L)));
        assertThat(obs).hasSize(2 * 3);
        assertThat(obs.stream().map(o -> o.coordinates().get("informed")).distinct())
                .containsExactlyInAnyOrder("yes", "no");
    }

    @Test
    void roundedCountsThatCrossAreBoundedToOneAndSaySo() {
        var obs = IndicatorCalculator.observations(
                share(Measure.Share.of("informedOfEntitlements", "yes")),
                lookup(node("KH", 15L, 0L, 10L), node("TH", 10L, 40L, 50L)));
        assertThat(find(obs, "KH").value()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(find(obs, "KH").note()).contains("bounded");
    }

    @Test
    void countsCarryTheSeriesTagsAndTheRegionIsUnpublishedBelowMinContributingNodes() {
        var series = new Series(
                "informed-of-entitlements",
                List.of("informedOfEntitlements"),
                Map.of("stage", "destination"),
                new Measure.Count());
        var only = node("KH", 30L, 70L, 100L);
        var lookup = new RegionalCombiner(2)
                .combined("GMS", List.of(only, NodeAnswer.failed("th", "TH", NodeStatus.TIMEOUT, "no answer")));
        var obs = IndicatorCalculator.observations(series, lookup);
        assertThat(obs).allSatisfy(o -> assertThat(o.coordinates()).containsEntry("stage", "destination"));
        assertThat(obs.stream().filter(o -> o.area().equals("GMS")))
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(ObservationStatus.UNAVAILABLE));
        assertThat(obs.stream().filter(o -> o.area().equals("TH"))).isEmpty();
    }

    @Test
    void everyCatalogueIndicatorReadsACatalogueTableOfIdentifiedVictimsOnly() {
        assertThat(IndicatorCatalogue.all()).hasSizeGreaterThanOrEqualTo(14);
        assertThat(IndicatorCatalogue.all())
                .flatMap(IndicatorDefinition::series)
                .allSatisfy(s -> {
                    var table = org.tributary.common.federation.CatalogueTables.byId(s.table())
                            .orElseThrow();
                    assertThat(table.dimensions()).containsAll(s.dimensions());
                    assertThat(table.filters().get("traffickingStatus"))
                            .containsExactlyInAnyOrder("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking");
                });
    }

    @Test
    void aShareOfNoneOrAllOverASmallBaseIsNotReleased() {
        // 0 of 10 informed in KH: "nobody in this group was informed" — over fewer than the base of 20, withheld.
        var kh = withBase(node("KH", 0L, 10L, 10L), 20);
        var th = withBase(node("TH", 10L, 40L, 50L), 20);
        var obs = IndicatorCalculator.observations(
                share(Measure.Share.of("informedOfEntitlements", "yes")), lookup(kh, th));
        assertThat(find(obs, "KH").status()).isEqualTo(ObservationStatus.UNAVAILABLE);
        assertThat(find(obs, "KH").note()).contains("0 % or 100 %");
        assertThat(find(obs, "TH").value()).isEqualByComparingTo(new BigDecimal("0.2"));
        var large = withBase(node("KH", 0L, 40L, 40L), 20);
        var shares = IndicatorCalculator.observations(
                share(Measure.Share.of("informedOfEntitlements", "yes")), lookup(large, th));
        assertThat(find(shares, "KH").value())
                .as("over 40 persons it is released")
                .isZero();
    }

    static NodeAnswer withBase(NodeAnswer a, int base) {
        return a.inRelease("2026-Q4.1", base);
    }
}

package org.tributary.aggregator.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.nodes.NodeCatalogue;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.federation.FederationContract;

/** The node's catalogue, as the aggregator read it, is what a catalogue release is held to. */
class AnswerLawsTest {

    static CatalogueRelease release(String tableId) {
        return new CatalogueRelease(
                FederationContract.VERSION,
                "node-kh",
                "KH",
                "2026-Q4.1",
                Instant.parse("2026-11-28T10:00:00Z"),
                4,
                ReleaseMode.ROUNDING,
                5,
                5,
                20,
                "0123456789abcdef0123456789abcdef",
                List.of(new CatalogueRelease.Entry(tableId, ContractRoundTripTest.table(ReleaseMode.ROUNDING), null)));
    }

    @Test
    void aReleasedTableTheNodesCatalogueDoesNotOfferIsNoAnswerOfThatNode() {
        var offersCorridorOnly = new NodeCatalogue(
                3,
                Map.of("gender", new NodeCatalogue.DimensionInfo(false, Set.of("F", "M"))),
                Set.of("identified-by-corridor"));
        assertThat(AnswerLaws.check(release("identified-by-sex"), offersCorridorOnly))
                .contains("table identified-by-sex is not one the node's catalogue offers");
        var saysNothing = new NodeCatalogue(3, Map.of("gender", new NodeCatalogue.DimensionInfo(false, Set.of("F"))));
        assertThat(AnswerLaws.check(release("identified-by-sex"), saysNothing))
                .as("a catalogue without a table list holds no table to it")
                .isNotEqualTo(java.util.Optional.of("table identified-by-sex is not one the node's catalogue offers"));
    }
}

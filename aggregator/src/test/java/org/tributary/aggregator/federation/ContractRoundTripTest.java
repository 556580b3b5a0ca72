package org.tributary.aggregator.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.common.disclosure.CellStatus;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.federation.BudgetStatus;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.federation.CountQueryRequest;
import org.tributary.common.federation.DimensionInfo;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.NodeCapabilities;
import org.tributary.common.federation.NodeCatalogue;
import org.tributary.common.federation.NoiseInfo;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.federation.TableCell;
import org.tributary.common.federation.TableMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract's messages survive the wire: written the way a node writes them (Jackson 3, nulls left out, as both
 * services are configured) and read the way the aggregator reads them, every record comes back equal.
 */
class ContractRoundTripTest {

    static final JsonMapper NODE = JsonMapper.builder()
            .changeDefaultPropertyInclusion(
                    i -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
    static final JsonMapper AGGREGATOR = JsonMapper.builder().build();

    static <T> T roundTrip(T message, Class<T> type) {
        String wire = NODE.writeValueAsString(message);
        return AGGREGATOR.readValue(wire, type);
    }

    static final BudgetStatus BUDGET = new BudgetStatus(
            FederationContract.VERSION,
            "node-kh",
            "2026-Q4",
            new BigDecimal("0.00125"),
            new BigDecimal("0.015625"),
            new BigDecimal("0.0025"),
            new BigDecimal("0.0625"),
            new BigDecimal("0.00125"),
            new BigDecimal("0.00375"),
            11);

    static ReleasedTable table(ReleaseMode mode) {
        boolean noisy = mode == ReleaseMode.DIFFERENTIAL_PRIVACY;
        var metadata = new TableMetadata(
                FederationContract.VERSION,
                "node-kh",
                4,
                "2026-Q4.1",
                mode,
                5,
                5,
                Instant.parse("2026-12-01T10:00:00.123456Z"),
                List.of("year", "exploitationType"),
                List.of("exploitationType"),
                !noisy,
                noisy
                        ? new NoiseInfo(
                                "discrete-gaussian",
                                20,
                                new BigDecimal("0.00375"),
                                new BigDecimal("0.4589"),
                                1e-6,
                                2,
                                "n")
                        : null);
        List<TableCell> cells = List.of(
                new TableCell(
                        Map.of("year", "2024", "exploitationType", "ForcedLabour"),
                        35L,
                        noisy ? CellStatus.NOISY : CellStatus.ROUNDED,
                        noisy ? new BigDecimal("20.00") : null),
                new TableCell(
                        Map.of("year", "2024", "exploitationType", "_T"),
                        noisy ? 0L : null,
                        noisy ? CellStatus.NOISY : CellStatus.SUPPRESSED,
                        noisy ? new BigDecimal("28.28") : null));
        return new ReleasedTable(
                metadata, cells, noisy ? new ReleasedTable.Spend(new BigDecimal("0.00375"), false, BUDGET) : null);
    }

    /**
     * What a receipt signs is the same on both sides: the node's digest of the answer it sends (its own mapper, nulls
     * left out) equals the aggregator's digest of what it read off the wire, whatever the order of the members.
     */
    @Test
    void theReleasedDigestOfAnAnswerIsTheSameOnBothSidesOfTheWire() {
        for (ReleaseMode mode : List.of(ReleaseMode.DIFFERENTIAL_PRIVACY, ReleaseMode.ROUNDING)) {
            var answer = table(mode);
            String wire = NODE.writeValueAsString(answer);
            String atNode = org.tributary.common.integrity.ReleaseDigest.of(NODE.readValue(wire, Object.class));
            String atAggregator =
                    org.tributary.common.integrity.ReleaseDigest.of(AGGREGATOR.readValue(wire, Object.class));
            assertThat(atAggregator).isEqualTo(atNode);
            // Re-serialised by the aggregator (another member order, numbers as it writes them): still the same.
            String again = AGGREGATOR.writeValueAsString(AGGREGATOR.readValue(wire, Object.class));
            assertThat(org.tributary.common.integrity.ReleaseDigest.of(AGGREGATOR.readValue(again, Object.class)))
                    .isEqualTo(atNode);
            // And it covers the cells: one value changed, another digest.
            String changed = wire.replaceFirst("\"value\":(\\d+)", "\"value\":987654");
            assertThat(org.tributary.common.integrity.ReleaseDigest.of(AGGREGATOR.readValue(changed, Object.class)))
                    .isNotEqualTo(atNode);
        }
    }

    @Test
    void everyMessageOfTheContractComesBackEqual() {
        assertThat(roundTrip(table(ReleaseMode.DIFFERENTIAL_PRIVACY), ReleasedTable.class))
                .isEqualTo(table(ReleaseMode.DIFFERENTIAL_PRIVACY));
        assertThat(roundTrip(table(ReleaseMode.ROUNDING), ReleasedTable.class)).isEqualTo(table(ReleaseMode.ROUNDING));
        var release = new CatalogueRelease(
                FederationContract.VERSION,
                "node-kh",
                "KH",
                "2026-Q4.1",
                Instant.parse("2026-12-01T10:00:00Z"),
                4,
                ReleaseMode.ROUNDING,
                5,
                5,
                20,
                "0123456789abcdef0123456789abcdef",
                List.of(
                        new CatalogueRelease.Entry("exploitation-by-sex", table(ReleaseMode.ROUNDING), null),
                        new CatalogueRelease.Entry("identified-by-age", null, "POPULATION_TOO_SMALL")));
        assertThat(roundTrip(release, CatalogueRelease.class)).isEqualTo(release);
        var capabilities = new NodeCapabilities(
                FederationContract.VERSION,
                "node-kh",
                "KH",
                "Cambodia",
                "4",
                4,
                ReleaseMode.SUPPRESSION_ONLY,
                ReleaseMode.DIFFERENTIAL_PRIVACY,
                true,
                "2026-Q4.1",
                null);
        assertThat(roundTrip(capabilities, NodeCapabilities.class)).isEqualTo(capabilities);
        var catalogue = new NodeCatalogue(
                FederationContract.VERSION,
                "node-kh",
                4,
                3,
                List.of(new DimensionInfo("exploitationType", true, List.of("ForcedLabour", "_U"), List.of("_U"))),
                List.of("exploitation-by-sex"));
        assertThat(roundTrip(catalogue, NodeCatalogue.class)).isEqualTo(catalogue);
        assertThat(roundTrip(BUDGET, BudgetStatus.class)).isEqualTo(BUDGET);
        var question = new CountQueryRequest(List.of("gender"), Map.of("year", List.of("2024", "2023")), 2020, 2025);
        assertThat(roundTrip(question, CountQueryRequest.class)).isEqualTo(question);
        assertThat(Set.of(NODE.writeValueAsString(table(ReleaseMode.ROUNDING)))
                        .iterator()
                        .next())
                .as("a node never writes a cell key or a true count")
                .doesNotContain("keySum", "cellKey", "\"count\"");
    }
}

package org.tributary.aggregator.regional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tributary.common.disclosure.CellStatus;
import org.tributary.common.federation.BudgetStatus;

/**
 * One node's part of a regional question: its status and, when it answered, its protected cells as released
 * (never anything else: the aggregator never sees a true count).
 *
 * @param threshold the node's {@code k}: in {@code ROUNDING} mode a suppressed cell holds at most {@code k - 1}
 *     persons
 * @param mode the node's release mode for this table; in {@code SUPPRESSION_ONLY} cells may also be suppressed
 *     secondarily (any size), and margins are exact; in {@code DIFFERENTIAL_PRIVACY} every value is noisy
 * @param multiResponseDimensions dimensions in which one person may count in several cells
 * @param cells the released cells; coordinates map each dimension to a code or {@code _T} for a total
 * @param absentCellsAreZero whether a cell missing from {@code cells} is zero (else unknown)
 * @param releasePeriod the node's release period the table belongs to
 * @param minShareBase no share of exactly 0 % or 100 % over fewer persons is released (the node's policy)
 * @param budget for an ad-hoc query: what the requester may still spend on this node
 * @param roundingBase the node's {@code b}: in {@code ROUNDING} mode every rounded count is a multiple of it
 */
public record NodeAnswer(
        String nodeId,
        String country,
        NodeStatus status,
        String reason,
        Long policyVersion,
        Integer threshold,
        String mode,
        Set<String> multiResponseDimensions,
        Instant releasedAt,
        boolean absentCellsAreZero,
        List<Cell> cells,
        String releasePeriod,
        Integer minShareBase,
        BudgetStatus budget,
        Integer roundingBase) {

    public NodeAnswer {
        cells = cells == null ? List.of() : List.copyOf(cells);
        multiResponseDimensions = multiResponseDimensions == null ? Set.of() : Set.copyOf(multiResponseDimensions);
    }

    public NodeAnswer(
            String nodeId,
            String country,
            NodeStatus status,
            String reason,
            Long policyVersion,
            Integer threshold,
            String mode,
            Set<String> multiResponseDimensions,
            Instant releasedAt,
            boolean absentCellsAreZero,
            List<Cell> cells) {
        this(
                nodeId,
                country,
                status,
                reason,
                policyVersion,
                threshold,
                mode,
                multiResponseDimensions,
                releasedAt,
                absentCellsAreZero,
                cells,
                null,
                null,
                null,
                null);
    }

    /** This answer with the period, share base and budget of the catalogue release it was read from. */
    public NodeAnswer inRelease(String period, Integer shareBase) {
        return new NodeAnswer(
                nodeId,
                country,
                status,
                reason,
                policyVersion,
                threshold,
                mode,
                multiResponseDimensions,
                releasedAt,
                absentCellsAreZero,
                cells,
                period,
                shareBase,
                null,
                roundingBase);
    }

    /** Released in {@code SUPPRESSION_ONLY} mode: exact margins, and suppressed cells of any size. */
    public boolean exactMargins() {
        return "SUPPRESSION_ONLY".equals(mode);
    }

    /** This answer with another status and reason, no cells (an answer that broke a law is not used). */
    public NodeAnswer rejected(String why) {
        return failed(nodeId, country, NodeStatus.UNAVAILABLE, why);
    }

    /**
     * A released cell: a value with how it was protected, or suppressed.
     *
     * @param standardError for a noisy value, the standard deviation of its noise
     */
    public record Cell(Map<String, String> coordinates, Long value, CellStatus status, BigDecimal standardError) {

        public Cell {
            coordinates = Map.copyOf(coordinates);
            status = status == null ? (value == null ? CellStatus.SUPPRESSED : CellStatus.EXACT) : status;
            if ((status == CellStatus.SUPPRESSED) == (value != null)) {
                throw new IllegalArgumentException("a cell is either suppressed or has a value");
            }
        }

        public Cell(Map<String, String> coordinates, Long value, boolean suppressed) {
            this(coordinates, value, suppressed ? CellStatus.SUPPRESSED : CellStatus.EXACT, null);
        }

        public boolean suppressed() {
            return status == CellStatus.SUPPRESSED;
        }
    }

    public static NodeAnswer failed(String nodeId, String country, NodeStatus status, String reason) {
        return failed(nodeId, country, status, reason, null);
    }

    public static NodeAnswer failed(
            String nodeId, String country, NodeStatus status, String reason, BudgetStatus budget) {
        if (status == NodeStatus.OK) {
            throw new IllegalArgumentException("a failed answer has no OK status");
        }
        return new NodeAnswer(
                nodeId, country, status, reason, null, null, null, null, null, true, List.of(), null, null, budget,
                null);
    }
}

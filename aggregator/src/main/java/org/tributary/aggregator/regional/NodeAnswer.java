package org.tributary.aggregator.regional;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One node's part of a regional question: its status and, when it answered, its protected cells as released
 * (never anything else: the aggregator never sees a true count).
 *
 * @param threshold the node's {@code k}: in {@code ROUNDING} mode a suppressed cell holds at most {@code k - 1}
 *     persons
 * @param mode the node's release mode; in {@code SUPPRESSION_ONLY} cells may also be suppressed secondarily (any
 *     size), and margins are exact
 * @param multiResponseDimensions dimensions in which one person may count in several cells
 * @param cells the released cells; coordinates map each dimension to a code or {@code _T} for a total
 * @param absentCellsAreZero whether a cell missing from {@code cells} is zero (else unknown)
 */
public record NodeAnswer(
        String nodeId,
        String country,
        NodeStatus status,
        String reason,
        Long policyVersion,
        Integer threshold,
        String mode,
        java.util.Set<String> multiResponseDimensions,
        Instant releasedAt,
        boolean absentCellsAreZero,
        List<Cell> cells) {

    public NodeAnswer {
        cells = cells == null ? List.of() : List.copyOf(cells);
        multiResponseDimensions =
                multiResponseDimensions == null ? java.util.Set.of() : java.util.Set.copyOf(multiResponseDimensions);
    }

    /** Released in {@code SUPPRESSION_ONLY} mode: exact margins, and suppressed cells of any size. */
    public boolean exactMargins() {
        return "SUPPRESSION_ONLY".equals(mode);
    }

    /** A released cell: a value, or suppressed. */
    public record Cell(Map<String, String> coordinates, Long value, boolean suppressed) {

        public Cell {
            coordinates = Map.copyOf(coordinates);
            if (suppressed == (value != null)) {
                throw new IllegalArgumentException("a cell is either suppressed or has a value");
            }
        }
    }

    public static NodeAnswer failed(String nodeId, String country, NodeStatus status, String reason) {
        if (status == NodeStatus.OK) {
            throw new IllegalArgumentException("a failed answer has no OK status");
        }
        return new NodeAnswer(nodeId, country, status, reason, null, null, null, null, null, true, List.of());
    }
}

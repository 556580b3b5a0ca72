package org.tributary.common.federation;

import java.time.Instant;
import java.util.List;
import org.tributary.common.disclosure.ReleaseMode;

/**
 * What a released table says about itself. Never a true count, never a cell key.
 *
 * @param releasePeriod the node's release period the table belongs to (e.g. {@code 2026-Q4.1})
 * @param threshold the node's {@code k}: nothing in {@code 1..k−1} is ever released as a number
 * @param roundingBase the node's {@code b}
 * @param multiResponseDimensions dimensions in which one person may count in several cells (margins count persons
 *     once, so they are not sums of cells)
 * @param absentCellsAreZero a cell missing from the table is zero (else unknown)
 * @param noise for a differentially private table, its noise; null otherwise
 */
public record TableMetadata(
        int contractVersion,
        String nodeId,
        long policyVersion,
        String releasePeriod,
        ReleaseMode mode,
        int threshold,
        int roundingBase,
        Instant releasedAt,
        List<String> dimensions,
        List<String> multiResponseDimensions,
        boolean absentCellsAreZero,
        NoiseInfo noise) {

    public TableMetadata {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        multiResponseDimensions = multiResponseDimensions == null ? List.of() : List.copyOf(multiResponseDimensions);
    }
}

package org.tributary.common.disclosure;

import java.time.Instant;
import java.util.List;

/**
 * What every released table says about itself.
 *
 * @param multiResponseDimensions dimensions where one person may count in several cells (their margins count
 *     persons once, so a margin is not the sum of its cells)
 * @param zerosSuppressed true zeros are shown as suppressed and every cell of the grid is listed; otherwise a cell
 *     absent from the table is zero
 */
public record ReleaseMetadata(
        String nodeId,
        long policyVersion,
        ReleaseMode mode,
        int threshold,
        int roundingBase,
        Instant releasedAt,
        List<String> dimensions,
        List<String> multiResponseDimensions,
        boolean zerosSuppressed) {}

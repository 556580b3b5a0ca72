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
 * @param noise for a differentially private table: its noise and privacy loss; null otherwise
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
        boolean zerosSuppressed,
        Noise noise) {

    public ReleaseMetadata(
            String nodeId,
            long policyVersion,
            ReleaseMode mode,
            int threshold,
            int roundingBase,
            Instant releasedAt,
            List<String> dimensions,
            List<String> multiResponseDimensions,
            boolean zerosSuppressed) {
        this(
                nodeId,
                policyVersion,
                mode,
                threshold,
                roundingBase,
                releasedAt,
                dimensions,
                multiResponseDimensions,
                zerosSuppressed,
                null);
    }

    /**
     * The noise of a differentially private table.
     *
     * @param sigma the discrete Gaussian's scale
     * @param squaredSensitivity Δ²: how much one person can change the released counts (squared length)
     * @param nanoRho the table's privacy loss in nano-ρ (zCDP)
     * @param multiResponseBound codes of a multi-response dimension a person counts in at most
     */
    public record Noise(int sigma, long squaredSensitivity, long nanoRho, int multiResponseBound) {}
}

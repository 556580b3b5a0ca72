package org.tributary.common.federation;

import java.time.Instant;
import java.util.List;
import org.tributary.common.disclosure.ReleaseMode;

/**
 * A node's catalogue release for one release period: every catalogue table, computed once and served identically
 * to every reader. A table the node could not protect, or that its policy refuses, is listed with the reason and
 * no cells.
 *
 * @param secretFingerprint names the rounding secret in use (never the secret): a change starts a new period
 */
public record CatalogueRelease(
        int contractVersion,
        String nodeId,
        String country,
        String releasePeriod,
        Instant computedAt,
        long policyVersion,
        ReleaseMode mode,
        int threshold,
        int roundingBase,
        int minShareBase,
        String secretFingerprint,
        List<Entry> tables) {

    public CatalogueRelease {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }

    /**
     * One table of the release.
     *
     * @param refusal the reason the table was not released (e.g. {@code TABLE_NOT_PROTECTABLE}); null when it was
     */
    public record Entry(String tableId, ReleasedTable table, String refusal) {}
}

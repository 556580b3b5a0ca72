package org.tributary.common.federation;

import java.util.List;

/**
 * What a node lets the region ask: its allowed dimensions with their codes, and the catalogue tables it releases.
 */
public record NodeCatalogue(
        int contractVersion,
        String nodeId,
        long policyVersion,
        int maxDimensions,
        List<DimensionInfo> dimensions,
        List<String> catalogueTables) {

    public NodeCatalogue {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        catalogueTables = catalogueTables == null ? List.of() : List.copyOf(catalogueTables);
    }
}

package org.tributary.aggregator.nodes;

import java.util.Map;
import java.util.Set;

/**
 * What a node lets the region ask: its allow-listed dimensions with their codes, and how many it crosses at most.
 */
public record NodeCatalogue(int maxDimensions, Map<String, DimensionInfo> dimensions) {

    public NodeCatalogue {
        dimensions = Map.copyOf(dimensions);
    }

    /** A dimension and its codes; a multi-response dimension may count one person in several cells. */
    public record DimensionInfo(boolean multiResponse, Set<String> codes) {

        public DimensionInfo {
            codes = Set.copyOf(codes);
        }
    }
}

package org.tributary.aggregator.nodes;

import java.util.Map;
import java.util.Set;

/**
 * What a node lets the region ask: its allow-listed dimensions with their codes, how many it crosses at most, and
 * the catalogue tables its policy releases (empty: not said).
 */
public record NodeCatalogue(int maxDimensions, Map<String, DimensionInfo> dimensions, Set<String> tables) {

    public NodeCatalogue {
        dimensions = Map.copyOf(dimensions);
        tables = tables == null ? Set.of() : Set.copyOf(tables);
    }

    public NodeCatalogue(int maxDimensions, Map<String, DimensionInfo> dimensions) {
        this(maxDimensions, dimensions, Set.of());
    }

    /**
     * A dimension and its codes; a multi-response dimension may count one person in several cells.
     *
     * @param exclusive codes of a multi-response dimension a person holds only alone
     */
    public record DimensionInfo(boolean multiResponse, Set<String> codes, Set<String> exclusive) {

        public DimensionInfo {
            codes = Set.copyOf(codes);
            exclusive = exclusive == null ? Set.of() : Set.copyOf(exclusive);
        }

        public DimensionInfo(boolean multiResponse, Set<String> codes) {
            this(multiResponse, codes, Set.of());
        }
    }

    /** Each dimension's codes. */
    public Map<String, Set<String>> codes() {
        Map<String, Set<String>> out = new java.util.HashMap<>();
        dimensions.forEach((d, info) -> out.put(d, info.codes()));
        return out;
    }
}

package org.tributary.common.federation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fixed table of the catalogue: persons by these dimensions among those these filters select. Every node
 * releases the same tables once per period; the regional indicators are computed from them.
 */
public record CatalogueTable(String id, String title, List<String> dimensions, Map<String, Set<String>> filters) {

    public CatalogueTable {
        dimensions = List.copyOf(dimensions);
        filters = Map.copyOf(filters);
    }
}

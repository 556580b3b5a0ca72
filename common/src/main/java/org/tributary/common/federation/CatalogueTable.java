package org.tributary.common.federation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One fixed table of the catalogue: persons by these dimensions among those these filters select. Every node
 * releases the same tables once per period; the regional indicators are computed from them.
 *
 * @param recodes the table whose dimension this one's recodes (its cells are unions of the other's codes), or null;
 *     such a table is released under rounding only, not in suppression-only mode, whose linked audit does not model
 *     recodings
 */
public record CatalogueTable(
        String id, String title, List<String> dimensions, Map<String, Set<String>> filters, String recodes) {

    public CatalogueTable {
        dimensions = List.copyOf(dimensions);
        filters = Map.copyOf(filters);
    }
}

package org.tributary.common.disclosure;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A count query: persons, grouped by up to {@code maxDimensions} dimensions, restricted by equality / IN filters
 * on allow-listed dimensions and an optional year range. There is no negation and no free-form predicate.
 */
public record CountQuery(List<String> dimensions, Map<String, Set<String>> filters, Integer yearFrom, Integer yearTo) {

    public CountQuery {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }
}

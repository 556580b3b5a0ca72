package org.tributary.aggregator.indicators;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One count query of an indicator and how its answer becomes figures.
 *
 * @param dimensions the query's own dimensions; a requested breakdown is added to them
 * @param filters the query's filters (equality / IN over catalogue codes)
 * @param tags coordinates added to every observation of this series (e.g. {@code stage=destination})
 */
record Series(List<String> dimensions, Map<String, Set<String>> filters, Map<String, String> tags, Measure measure) {

    Series {
        dimensions = List.copyOf(dimensions);
        filters = Map.copyOf(filters);
        tags = Map.copyOf(tags);
    }
}

package org.tributary.aggregator.indicators;

import java.util.List;
import java.util.Map;

/**
 * One catalogue table of an indicator and how its cells become figures.
 *
 * @param table the catalogue table's id (common's {@code CatalogueTables})
 * @param dimensions the table's dimensions the indicator reads, besides {@code year}; the others are read at their
 *     totals
 * @param tags coordinates added to every observation of this series (e.g. {@code stage=destination})
 */
record Series(String table, List<String> dimensions, Map<String, String> tags, Measure measure) {

    Series {
        dimensions = List.copyOf(dimensions);
        tags = Map.copyOf(tags);
    }
}

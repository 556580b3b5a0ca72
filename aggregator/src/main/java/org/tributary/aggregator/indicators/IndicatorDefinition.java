package org.tributary.aggregator.indicators;

import java.util.List;
import org.tributary.aggregator.regional.Unit;

/** An indicator of the regional catalogue: one or more series of count queries, counts or shares. */
record IndicatorDefinition(String id, String title, String description, Unit unit, List<Series> series) {

    IndicatorDefinition {
        series = List.copyOf(series);
    }
}

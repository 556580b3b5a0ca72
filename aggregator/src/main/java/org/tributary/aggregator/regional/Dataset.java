package org.tributary.aggregator.regional;

import java.util.List;

/**
 * A regional result as analysts read and export it: an indicator or an ad-hoc cross-tab, as observations per
 * area (every country that answered, and the region), with its provenance.
 *
 * @param id the indicator id, or {@code query} for an ad-hoc cross-tab
 * @param dimensions the coordinate names every observation carries, in order
 * @param yearFrom the first year asked for, if the question had a year range
 * @param yearTo the last year asked for, if the question had a year range
 */
public record Dataset(
        String id,
        String title,
        Unit unit,
        List<String> dimensions,
        Integer yearFrom,
        Integer yearTo,
        List<Observation> observations,
        Provenance provenance) {

    public Dataset {
        dimensions = List.copyOf(dimensions);
        observations = List.copyOf(observations);
    }
}

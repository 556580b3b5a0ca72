package org.tributary.aggregator.regional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An ad-hoc regional cross-tab as observations: every released cell for each answering country, and the region. */
public final class CrossTabs {

    private CrossTabs() {}

    public static List<Observation> observations(AreaValue.Lookup lookup) {
        List<Observation> out = new ArrayList<>();
        for (Map<String, String> at : lookup.coordinates()) {
            for (int i = 0; i < lookup.countries().size(); i++) {
                out.add(lookup.country(i, at).toObservation(at));
            }
            out.add(lookup.region(at).toObservation(at));
        }
        return out;
    }
}

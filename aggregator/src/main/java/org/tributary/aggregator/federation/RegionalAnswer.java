package org.tributary.aggregator.federation;

import java.util.List;
import org.tributary.aggregator.regional.AreaValue;
import org.tributary.aggregator.regional.NodeAnswer;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.aggregator.regional.RegionalTable;

/**
 * What the fan-out brings back: every node's answer (one per node asked), their combination — the regional table
 * with its lookup, combined and judged once — and the provenance.
 */
public record RegionalAnswer(List<NodeAnswer> answers, AreaValue.Lookup lookup, Provenance provenance) {

    public RegionalTable table() {
        return lookup.table();
    }
}

package org.tributary.aggregator.federation;

import java.util.List;
import org.tributary.aggregator.regional.NodeAnswer;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.aggregator.regional.RegionalTable;

/** What the fan-out brings back: every node's answer (one per node asked), their combination, the provenance. */
public record RegionalAnswer(List<NodeAnswer> answers, RegionalTable table, Provenance provenance) {}

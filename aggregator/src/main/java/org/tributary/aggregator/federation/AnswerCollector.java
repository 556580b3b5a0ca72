package org.tributary.aggregator.federation;

import java.util.ArrayList;
import java.util.List;
import org.tributary.aggregator.regional.NodeAnswer;

/**
 * The fan-out's aggregation strategy as a plain POJO (Camel adapts it): gathers the node answers in the order they
 * arrive. Combining them is the {@link org.tributary.aggregator.regional.RegionalCombiner}'s job, once all are in
 * or the time is up.
 */
public class AnswerCollector {

    public List<NodeAnswer> collect(List<NodeAnswer> soFar, NodeAnswer next) {
        List<NodeAnswer> all = soFar == null ? new ArrayList<>() : soFar;
        if (next != null) {
            all.add(next);
        }
        return all;
    }
}

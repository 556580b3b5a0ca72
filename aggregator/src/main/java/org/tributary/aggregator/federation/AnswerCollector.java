package org.tributary.aggregator.federation;

import java.util.ArrayList;
import java.util.List;

/**
 * The fan-out's aggregation strategy as a plain POJO (Camel adapts it): gathers the node replies in the order they
 * arrive. Assembling them is the {@link RegionalAssembler}'s job, once all are in or the time is up.
 */
public class AnswerCollector {

    public List<NodeReply> collect(List<NodeReply> soFar, NodeReply next) {
        List<NodeReply> all = soFar == null ? new ArrayList<>() : soFar;
        if (next != null) {
            all.add(next);
        }
        return all;
    }
}

package org.tributary.aggregator.federation;

import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Adapts the {@link AnswerCollector} POJO to the fan-out. A node's failure was handled on that node's route, where
 * it became a reply like any other; the handled mark it leaves on the exchange must not stop the fan-out's own
 * route (Camel would otherwise end it there, before the replies are assembled), so it is cleared here.
 */
final class AnswerAggregation implements AggregationStrategy {

    private final AnswerCollector collector = new AnswerCollector();

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        List<NodeReply> soFar =
                oldExchange == null ? null : oldExchange.getMessage().getBody(List.class);
        result.getMessage()
                .setBody(collector.collect(soFar, newExchange.getMessage().getBody(NodeReply.class)));
        result.getExchangeExtension().setErrorHandlerHandled(null);
        result.setException(null);
        result.setRouteStop(false);
        return result;
    }
}

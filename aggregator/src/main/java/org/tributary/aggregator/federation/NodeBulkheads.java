package org.tributary.aggregator.federation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.nodes.NodeRegistry;

/**
 * One bulkhead per node: at most {@code calls.per-node} calls to a node are in flight at once. A call over that is
 * not made, and the node is reported unavailable for that question at once. A node that answers slowly (one byte a
 * second, say) thus holds at most its own share of the fan-out pool, however many questions come, and the other
 * nodes keep answering. A permit is held for as long as the call's thread is busy with it, past the question's own
 * deadline if the node keeps it, and given back when that call's exchange completes, however it ends.
 */
@Component
class NodeBulkheads {

    private final int perNode;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    NodeBulkheads(AggregatorProperties properties) {
        this.perNode = properties.calls().perNode();
    }

    /** True when the node has no permit left; otherwise takes one, given back when the exchange completes. */
    public boolean full(@ExchangeProperty(NodeRegistry.NODE_ID) String nodeId, Exchange exchange) {
        Semaphore node = permits.computeIfAbsent(nodeId, id -> new Semaphore(perNode));
        if (!node.tryAcquire()) {
            return true;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                node.release();
            }
        });
        return false;
    }

    /** Calls to the node in flight now. */
    int inFlight(String nodeId) {
        Semaphore node = permits.get(nodeId);
        return node == null ? 0 : perNode - node.availablePermits();
    }
}

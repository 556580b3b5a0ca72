package org.tributary.aggregator.federation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;

/**
 * One bulkhead per node: each node's calls run on that node's own pool of {@code calls.per-node} threads, with a
 * bounded queue ({@value #QUEUE} calls; beyond it a call is refused at once and the node reported unavailable for
 * that question). A node that answers slowly (one byte a second, say) thus holds only its own threads, however many
 * questions come, and the other nodes keep answering; the shared fan-out pool only hands calls over and never waits
 * for a node. A call that waited in the queue past its question's deadline is not made.
 */
@Component
class NodeBulkheads {

    static final int QUEUE = 64;

    private final int perNode;
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();

    NodeBulkheads(AggregatorProperties properties) {
        this.perNode = properties.calls().perNode();
    }

    /** The node's pool, created with the route (Camel shuts it down with the context). */
    ExecutorService pool(CamelContext camel, Object owner, String nodeId) {
        return pools.computeIfAbsent(nodeId, id -> (ThreadPoolExecutor) camel.getExecutorServiceManager()
                .newThreadPool(
                        owner,
                        "node-" + id,
                        new ThreadPoolProfileBuilder("node-" + id)
                                .poolSize(perNode)
                                .maxPoolSize(perNode)
                                .maxQueueSize(QUEUE)
                                .rejectedPolicy(ThreadPoolRejectedPolicy.Abort)
                                .build()));
    }

    /** Calls to the node being made or waiting now. */
    int inFlight(String nodeId) {
        ThreadPoolExecutor pool = pools.get(nodeId);
        return pool == null ? 0 : pool.getActiveCount() + pool.getQueue().size();
    }

    /** Calls to the node being made now (at most {@code per-node}). */
    int active(String nodeId) {
        ThreadPoolExecutor pool = pools.get(nodeId);
        return pool == null ? 0 : pool.getActiveCount();
    }
}

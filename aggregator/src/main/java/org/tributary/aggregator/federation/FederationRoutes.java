package org.tributary.aggregator.federation;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.nodes.NodeTokens;
import org.tributary.common.federation.FederationContract;
import tools.jackson.databind.json.JsonMapper;

/**
 * The region's three questions, top to bottom: an ad-hoc count query (for the analyst whose token is relayed), the
 * catalogue releases, the analyst's budgets. Each goes to every node in parallel on a bounded pool, each node on its
 * own route (circuit breaker, bulkhead, HTTP call with a timeout, retries by the shared {@link NodeCallErrorHandling}); the
 * replies are gathered until all are in or the time is up, then assembled.
 */
@Component
class FederationRoutes extends RouteBuilder {

    static final String REGIONAL_QUERY = "direct:regional-query";
    static final String REGIONAL_CATALOGUE = "direct:regional-catalogue";
    static final String REGIONAL_BUDGET = "direct:regional-budget";

    /** Exchange property: the analyst's bearer token, relayed to the nodes for them to verify. */
    static final String REQUESTER = "tributaryRequesterToken";

    static final String CALL_METHOD = "tributaryCallMethod";
    static final String CALL_PATH = "tributaryCallPath";
    static final String CALL_QUERY = "tributaryCallQuery";
    static final String TRACEPARENT = "tributaryTraceparent";

    /** Extra time the fan-out waits beyond the per-node timeout before it reports missing nodes as timed out. */
    static final long GRACE_MS = 500;

    private final AggregatorProperties properties;
    private final NodeRegistry registry;
    private final NodeTokens tokens;
    private final NodeReplies replies;
    private final CircuitBreakers breakers;
    private final NodeBulkheads bulkheads;
    private final RegionalAssembler assembler;
    private final JsonMapper json;
    private final Clock clock;
    private final TraceContext trace;
    private final java.util.concurrent.ScheduledThreadPoolExecutor timers = deadlineTimers();

    /** One daemon thread for every call's deadline; a cancelled deadline leaves the queue at once. */
    private static java.util.concurrent.ScheduledThreadPoolExecutor deadlineTimers() {
        var timers = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "node-call-deadlines");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    FederationRoutes(
            AggregatorProperties properties,
            NodeRegistry registry,
            NodeTokens tokens,
            NodeReplies replies,
            CircuitBreakers breakers,
            NodeBulkheads bulkheads,
            RegionalAssembler assembler,
            JsonMapper json,
            Clock clock,
            TraceContext trace) {
        this.trace = trace;
        this.properties = properties;
        this.registry = registry;
        this.tokens = tokens;
        this.replies = replies;
        this.breakers = breakers;
        this.bulkheads = bulkheads;
        this.assembler = assembler;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void configure() {
        var calls = properties.calls();
        long timeoutMs = calls.timeout().toMillis();
        // The fan-out pool only hands each call over to its node's own pool (NodeBulkheads) and never waits for a node.
        int poolSize = calls.threads();
        ExecutorService fanOut = getContext()
                .getExecutorServiceManager()
                .newThreadPool(
                        this,
                        "regional-fan-out",
                        new ThreadPoolProfileBuilder("regional-fan-out")
                                .poolSize(poolSize)
                                .maxPoolSize(poolSize)
                                .maxQueueSize(10_000)
                                .build());
        // Every node call bounded in time (to the last byte) and size; the client retries a stale connection of a
        // GET once, never past the deadline; everything else is retried by Camel (NodeCallErrorHandling).
        HttpComponent http = getContext().getComponent("http", HttpComponent.class);
        var bounds = new BoundedAnswers(calls.timeout(), calls.maxAnswerSize().toBytes(), timers);
        http.setHttpClientConfigurer(builder -> builder.setRetryStrategy(BoundedAnswers.retryStrategy())
                .addExecInterceptorFirst("tributary-bounds", bounds));
        // The client's own idle evictor does not run on a connection manager Camel shares among endpoints: a timer
        // route closes connections idle longer than idle-eviction, before a node's keep-alive ends.
        long evictMs = calls.idleEviction().toMillis();
        from("timer:evict-idle-node-connections?period=" + evictMs + "&delay=" + evictMs)
                .routeId("evict-idle-node-connections")
                .process(exchange -> {
                    var managers = new java.util.HashSet<Object>();
                    managers.add(http.getClientConnectionManager());
                    for (var endpoint : getContext().getEndpoints()) {
                        if (endpoint instanceof HttpEndpoint e) {
                            managers.add(e.getClientConnectionManager());
                        }
                    }
                    for (Object manager : managers) {
                        if (manager instanceof PoolingHttpClientConnectionManager pool) {
                            pool.closeExpired();
                            pool.closeIdle(TimeValue.ofMilliseconds(evictMs));
                        }
                    }
                });
        String everyNode = String.join(
                ",",
                registry.nodeIds().stream().map(FederationRoutes::callEndpoint).toList());

        // The region's three questions: the same fan-out, each with its own call and its own assembly.
        fanOut(REGIONAL_QUERY, "regional-query", NodeCall.COUNT_QUERY, everyNode, fanOut, timeoutMs)
                .bean(assembler, "assemble");
        fanOut(REGIONAL_CATALOGUE, "regional-catalogue", NodeCall.CATALOGUE_RELEASE, everyNode, fanOut, timeoutMs)
                .bean(assembler, "catalogue");
        fanOut(REGIONAL_BUDGET, "regional-budget", NodeCall.BUDGET, everyNode, fanOut, timeoutMs)
                .bean(assembler, "replies");

        String timeouts = "connectTimeout=" + Math.min(timeoutMs, 2000) + "&responseTimeout=" + timeoutMs
                + "&connectionRequestTimeout=" + timeoutMs;
        for (var node : registry.nodes()) {
            from(callEndpoint(node.id()))
                    .routeId("call-node-" + node.id())
                    .routeConfigurationId(NodeCallErrorHandling.NODE_CALLS)
                    .setProperty(NodeRegistry.NODE_ID, constant(node.id()))
                    // The node's bulkhead: its own threads and a bounded queue (a full queue is refused at once).
                    .threads()
                    .executorService(bulkheads.pool(getContext(), this, node.id()))
                    .choice()
                    // Late first: the breaker's check may take its half-open trial permit, which a call not made
                    // would never give back.
                    .when(method(this, "late"))
                    .bean(replies, "lateInQueue")
                    .when(method(breakers, "rejects"))
                    .bean(replies, "circuitOpen")
                    .otherwise()
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_METHOD, exchangeProperty(CALL_METHOD))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .setHeader("Authorization", method(tokens, "authorization"))
                    .setHeader(FederationContract.REQUESTER_TOKEN_HEADER, exchangeProperty(REQUESTER))
                    // The question's trace, read where it entered the fan-out (TraceContext).
                    .setHeader(TraceContext.HEADER, exchangeProperty(TRACEPARENT))
                    // One endpoint per node, its timeouts set once; the call's path rides in a header.
                    .setHeader(Exchange.HTTP_PATH, exchangeProperty(CALL_PATH))
                    .setHeader(Exchange.HTTP_QUERY, exchangeProperty(CALL_QUERY))
                    .to(node.baseUrl() + "?" + timeouts)
                    .convertBodyTo(String.class)
                    .bean(replies, "read")
                    .bean(breakers, "record")
                    .end();
        }
    }

    /**
     * One question to every node in parallel on the bounded pool, gathered until all answered or the time is up. A
     * count query sends its question as the body (and keeps it for checking the answers); the others send none.
     */
    private org.apache.camel.model.RouteDefinition fanOut(
            String from, String routeId, NodeCall call, String everyNode, ExecutorService pool, long timeoutMs) {
        var route = from(from)
                .routeId(routeId)
                .setProperty(RegionalAssembler.ASKED_AT, method(clock, "instant"))
                .setProperty(TRACEPARENT, method(trace, "traceparent"))
                .setProperty(NodeCall.PROPERTY, constant(call))
                .setProperty(CALL_METHOD, constant(call.method()))
                .setProperty(CALL_PATH, constant(call.path()));
        if (call == NodeCall.COUNT_QUERY) {
            route.setProperty(NodeReplies.QUESTION, body()).setBody(method(json, "writeValueAsString"));
        } else {
            route.setBody(constant(null));
        }
        return route.recipientList(constant(everyNode))
                .parallelProcessing()
                .executorService(pool)
                .aggregationStrategy(new AnswerAggregation())
                .timeout(timeoutMs + GRACE_MS)
                .end();
    }

    /** True when the call waited in its node's queue past its question's deadline: the answer would come too late. */
    public boolean late(Exchange exchange) {
        return NodeCallErrorHandling.pastDeadline(exchange, properties.calls().timeout(), clock);
    }

    @jakarta.annotation.PreDestroy
    void stopTimers() {
        timers.shutdownNow();
    }

    static String callEndpoint(String nodeId) {
        return "direct:call-node-" + nodeId;
    }
}

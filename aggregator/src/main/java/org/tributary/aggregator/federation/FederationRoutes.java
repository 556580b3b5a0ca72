package org.tributary.aggregator.federation;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.nodes.NodeTokens;
import tools.jackson.databind.json.JsonMapper;

/**
 * The regional question, top to bottom: the query goes to every node in parallel on a bounded pool, each node on its
 * own route (circuit breaker, HTTP call with a timeout, retries by the shared {@link NodeCallErrorHandling}); the
 * answers are gathered until all are in or the time is up, then combined.
 */
@Component
class FederationRoutes extends RouteBuilder {

    static final String REGIONAL_QUERY = "direct:regional-query";

    /** Extra time the fan-out waits beyond the per-node timeout before it reports missing nodes as timed out. */
    static final long GRACE_MS = 500;

    private final AggregatorProperties properties;
    private final NodeRegistry registry;
    private final NodeTokens tokens;
    private final NodeReplies replies;
    private final CircuitBreakers breakers;
    private final RegionalAssembler assembler;
    private final JsonMapper json;
    private final Clock clock;

    FederationRoutes(
            AggregatorProperties properties,
            NodeRegistry registry,
            NodeTokens tokens,
            NodeReplies replies,
            CircuitBreakers breakers,
            RegionalAssembler assembler,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.registry = registry;
        this.tokens = tokens;
        this.replies = replies;
        this.breakers = breakers;
        this.assembler = assembler;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void configure() {
        var calls = properties.calls();
        long timeoutMs = calls.timeout().toMillis();
        ExecutorService fanOut = getContext()
                .getExecutorServiceManager()
                .newThreadPool(
                        this,
                        "regional-fan-out",
                        new ThreadPoolProfileBuilder("regional-fan-out")
                                .poolSize(calls.threads())
                                .maxPoolSize(calls.threads())
                                .maxQueueSize(10_000)
                                .build());
        List<String> endpoints =
                registry.nodeIds().stream().map(FederationRoutes::askEndpoint).toList();

        from(REGIONAL_QUERY)
                .routeId("regional-query")
                .setProperty(RegionalAssembler.ASKED_AT, method(clock, "instant"))
                .setBody(method(json, "writeValueAsString"))
                .recipientList(constant(String.join(",", endpoints)))
                .parallelProcessing()
                .executorService(fanOut)
                .aggregationStrategy(new AnswerAggregation())
                .timeout(timeoutMs + GRACE_MS)
                .end()
                .bean(assembler, "assemble");

        for (var node : registry.nodes()) {
            from(askEndpoint(node.id()))
                    .routeId("ask-node-" + node.id())
                    .routeConfigurationId(NodeCallErrorHandling.NODE_CALLS)
                    .setProperty(NodeRegistry.NODE_ID, constant(node.id()))
                    .choice()
                    .when(method(breakers, "rejects"))
                    .bean(replies, "circuitOpen")
                    .otherwise()
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .setHeader("Authorization", method(tokens, "authorization"))
                    .to(node.baseUrl() + "/federation/v1/count-queries?connectTimeout=" + Math.min(timeoutMs, 2000)
                            + "&responseTimeout=" + timeoutMs + "&connectionRequestTimeout=" + timeoutMs)
                    .convertBodyTo(String.class)
                    .bean(replies, "read")
                    .bean(breakers, "record")
                    .end();
        }
    }

    static String askEndpoint(String nodeId) {
        return "direct:ask-node-" + nodeId;
    }
}

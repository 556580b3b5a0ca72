package org.tributary.aggregator.nodes;

import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;

/**
 * Polls every node's capabilities and catalogue on a timer and keeps what it learns in the {@link NodeRegistry}: up
 * or down, policy version, mode, and the dimensions the region may ask about. A failed probe marks the node down.
 */
@Component
class NodeHealthRoute extends RouteBuilder {

    private final AggregatorProperties properties;
    private final NodeRegistry registry;
    private final NodeTokens tokens;

    NodeHealthRoute(AggregatorProperties properties, NodeRegistry registry, NodeTokens tokens) {
        this.properties = properties;
        this.registry = registry;
        this.tokens = tokens;
    }

    static final long DISCOVERY_MS = 2_000;

    @Override
    public void configure() {
        long timeoutMs = properties.calls().timeout().toMillis();
        String http = "http://node-probe?httpMethod=GET&connectTimeout=" + Math.min(timeoutMs, 2000)
                + "&responseTimeout=" + timeoutMs;
        ExecutorService probes = getContext()
                .getExecutorServiceManager()
                .newFixedThreadPool(
                        this,
                        "node-probes",
                        Math.max(1, Math.min(8, registry.nodeIds().size())));

        from("timer:node-health?delay=0&period=" + properties.healthPeriod().toMillis())
                .routeId("node-health")
                .setBody(method(registry, "nodeIds"))
                .split(body())
                .parallelProcessing()
                .executorService(probes)
                .to("direct:probe-node")
                .end();

        // Until a node's catalogue has arrived (it started after the aggregator, or Keycloak was not ready to give
        // the aggregator a token), ask it again every few seconds rather than wait for the next health period.
        from("timer:node-discovery?delay=" + DISCOVERY_MS + "&period=" + DISCOVERY_MS)
                .routeId("node-discovery")
                .setBody(method(registry, "nodeIdsWithoutCatalogue"))
                .split(body())
                .parallelProcessing()
                .executorService(probes)
                .to("direct:probe-node")
                .end();

        from("direct:probe-node")
                .routeId("probe-node")
                .onException(Exception.class)
                .handled(true)
                .bean(registry, "probeFailed")
                .end()
                .setProperty(NodeRegistry.NODE_ID, body())
                .setBody(constant(null))
                .removeHeaders("*")
                .setHeader("Authorization", method(tokens, "authorization"))
                .setHeader(Exchange.HTTP_URI, method(registry, "capabilitiesUrl"))
                .to(http)
                .convertBodyTo(String.class)
                .bean(registry, "capabilitiesReceived")
                .setBody(constant(null))
                .removeHeaders("*", "Authorization")
                .setHeader(Exchange.HTTP_URI, method(registry, "catalogueUrl"))
                .to(http)
                .convertBodyTo(String.class)
                .bean(registry, "catalogueReceived");
    }
}

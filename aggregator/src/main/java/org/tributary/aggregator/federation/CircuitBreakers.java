package org.tributary.aggregator.federation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.regional.NodeStatus;

/**
 * One resilience4j circuit breaker per node, used from the node's route: a node that keeps failing is not asked
 * (its status is {@code circuit-open}) until a trial call after {@code openFor} succeeds.
 */
@Component
public class CircuitBreakers {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

    private final CircuitBreakerRegistry registry;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    CircuitBreakers(
            AggregatorProperties properties,
            io.micrometer.core.instrument.MeterRegistry meters,
            org.tributary.aggregator.nodes.NodeRegistry nodes) {
        this.meters = meters;
        var b = properties.circuitBreaker();
        this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(b.failureRate())
                .slidingWindowSize(b.window())
                .minimumNumberOfCalls(b.minimumCalls())
                .waitDurationInOpenState(b.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
        // Each node's circuit: 0 closed, 1 half-open, 2 open.
        for (var node : nodes.nodes()) {
            io.micrometer.core.instrument.Gauge.builder(
                            "tributary.node.circuit", this, c -> switch (c.breaker(node.id())
                                    .getState()) {
                                case CLOSED -> 0;
                                case HALF_OPEN -> 1;
                                default -> 2;
                            })
                    .description("The node's circuit breaker: 0 closed, 1 half-open, 2 open")
                    .tag("node", node.id())
                    .register(meters);
        }
    }

    private CircuitBreaker breaker(String nodeId) {
        CircuitBreaker breaker = registry.circuitBreaker(nodeId);
        return breaker;
    }

    /** True when the node's circuit is open and it must not be asked now. */
    public boolean rejects(@ExchangeProperty(NodeRegistry.NODE_ID) String nodeId) {
        boolean rejected = !breaker(nodeId).tryAcquirePermission();
        if (rejected) {
            calls(nodeId, "circuit-open").record(java.time.Duration.ZERO);
        }
        return rejected;
    }

    /**
     * Records how the call went: an answer (also a refusal, which is the node's policy working) is a success, a
     * timeout or an unusable answer a failure.
     */
    public void record(
            @ExchangeProperty(NodeRegistry.NODE_ID) String nodeId,
            @Body NodeReply answer,
            org.apache.camel.Exchange exchange) {
        // From the call's exchange being made (its queue in the node's bulkhead included) to its answer read.
        calls(nodeId, answer.status().code())
                .record(java.time.Duration.ofMillis(exchange.getClock().elapsed()));
        CircuitBreaker breaker = breaker(nodeId);
        CircuitBreaker.State before = breaker.getState();
        if (answer.status() == NodeStatus.OK || answer.status() == NodeStatus.REFUSED) {
            breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        } else {
            breaker.onError(0, TimeUnit.NANOSECONDS, new NodeCallFailed(answer.status()));
        }
        CircuitBreaker.State after = breaker.getState();
        if (before != after) {
            log.info("Circuit of node {}: {} -> {}", nodeId, before, after);
        }
    }

    /** Node calls by node and outcome (a status code: a fixed set), with their latency. */
    private io.micrometer.core.instrument.Timer calls(String nodeId, String outcome) {
        return io.micrometer.core.instrument.Timer.builder("tributary.node.calls")
                .description("Calls from the aggregator to a node, by node and outcome")
                .tag("node", nodeId)
                .tag("outcome", outcome)
                .register(meters);
    }

    /** The node's circuit state: {@code closed}, {@code open} or {@code half_open}. */
    public String state(String nodeId) {
        return breaker(nodeId).getState().name().toLowerCase(Locale.ROOT);
    }

    /** Marks a failed call for the breaker; carries no message, so nothing from the node is kept. */
    static final class NodeCallFailed extends RuntimeException {
        NodeCallFailed(NodeStatus status) {
            super(status.code(), null, false, false);
        }
    }
}

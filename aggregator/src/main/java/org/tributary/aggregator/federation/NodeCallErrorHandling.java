package org.tributary.aggregator.federation;

import java.net.ConnectException;
import java.net.SocketException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;

/**
 * Error handling shared by every node's route: transient failures (connection refused, 502, 503 that is not the
 * node's own refusal) are retried with exponential backoff, a stale kept-alive connection once at once; every failure then becomes a status for that node and
 * is recorded by its circuit breaker. Nothing propagates: one node's trouble never fails the regional answer.
 */
@Component
class NodeCallErrorHandling extends RouteConfigurationBuilder {

    static final String NODE_CALLS = "node-calls";

    private final AggregatorProperties properties;
    private final NodeReplies replies;
    private final CircuitBreakers breakers;
    private final java.time.Clock clock;

    NodeCallErrorHandling(
            AggregatorProperties properties, NodeReplies replies, CircuitBreakers breakers, java.time.Clock clock) {
        this.properties = properties;
        this.replies = replies;
        this.breakers = breakers;
        this.clock = clock;
    }

    @Override
    public void configuration() {
        var calls = properties.calls();
        var conf = routeConfiguration(NODE_CALLS);
        conf.onException(ConnectException.class)
                .onWhen(this::withinDeadline)
                .maximumRedeliveries(calls.retries())
                .redeliveryDelay(calls.retryDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .handled(true)
                .bean(replies, "failed")
                .bean(breakers, "record");
        // A kept-alive connection the node closed meanwhile: the request never reached it. Every node call may be
        // made again (a count query's answer is stored per query and period: asking twice spends once), so once,
        // at once, on a fresh connection.
        conf.onException(NoHttpResponseException.class, SocketException.class)
                .onWhen(this::withinDeadline)
                .maximumRedeliveries(1)
                .redeliveryDelay(0)
                .handled(true)
                .bean(replies, "failed")
                .bean(breakers, "record");
        conf.onException(HttpOperationFailedException.class)
                .onWhen(e -> transientStatus(e) && withinDeadline(e))
                .maximumRedeliveries(calls.retries())
                .redeliveryDelay(calls.retryDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .handled(true)
                .bean(replies, "failed")
                .bean(breakers, "record");
        conf.onException(Exception.class).handled(true).bean(replies, "failed").bean(breakers, "record");
    }

    /**
     * No retry once the question's own deadline has passed: every attempt gets the full per-call deadline, so a
     * retry then would only hold the node's thread for an answer nobody waits for.
     */
    boolean withinDeadline(Exchange exchange) {
        return !pastDeadline(exchange, properties.calls().timeout(), clock);
    }

    /** True once the question this call belongs to has waited longer than one node call may take. */
    static boolean pastDeadline(Exchange exchange, java.time.Duration timeout, java.time.Clock clock) {
        var askedAt = exchange.getProperty(RegionalAssembler.ASKED_AT, java.time.Instant.class);
        return askedAt != null && clock.instant().isAfter(askedAt.plus(timeout));
    }

    /** 502 and 503 from a proxy or a node starting up; a node's 503 problem (its kill switch) is an answer. */
    static boolean transientStatus(Exchange exchange) {
        var failure = exchange.getException(HttpOperationFailedException.class);
        if (failure == null || (failure.getStatusCode() != 502 && failure.getStatusCode() != 503)) {
            return false;
        }
        String body = failure.getResponseBody();
        return body == null || !body.contains(org.tributary.common.federation.FederationContract.PROBLEM_PREFIX);
    }
}

package org.tributary.gateway.security;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tributary.common.problem.ProblemType;
import org.tributary.gateway.web.GatewayPaths;
import org.tributary.gateway.web.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * Node routes are an allow-list, applied before the token is even looked at. Under {@code /api/nodes/{country}} the
 * gateway forwards only the national-staff APIs ({@link GatewayPaths#NODE_APIS}); anything else there (API documents,
 * Swagger UI, actuator, unknown paths) is a 404 problem. The federation API is service-to-service (aggregator →
 * node) and never goes through the gateway: 403 to everyone, with or without a token.
 */
@Component
class NodeRouteFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return -150; // after the request-shape check (-200), before Spring Security's chain (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        GatewayPaths path = GatewayPaths.of(exchange);
        if (path.nodeCountry() == null) {
            return chain.filter(exchange);
        }
        if (path.isNodeFederation()) {
            return ProblemResponses.write(
                    exchange,
                    ProblemType.FORBIDDEN,
                    403,
                    "The federation API is not available through the gateway.",
                    Map.of());
        }
        if (!path.nodeCountry().matches("[A-Z]{2}") || !path.isAllowedNodeApi()) {
            return ProblemResponses.write(
                    exchange, ProblemType.NOT_FOUND, 404, "There is nothing at this path.", Map.of());
        }
        return chain.filter(exchange);
    }
}

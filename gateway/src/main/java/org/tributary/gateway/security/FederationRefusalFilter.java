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
 * The nodes' federation API is service-to-service (aggregator → node) and never goes through the gateway: 403 to
 * everyone, with or without a token, before the token is even looked at.
 */
@Component
public class FederationRefusalFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return -150; // before Spring Security's chain (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (GatewayPaths.of(exchange).isNodeFederation()) {
            return ProblemResponses.write(
                    exchange,
                    ProblemType.FORBIDDEN,
                    403,
                    "The federation API is not available through the gateway.",
                    Map.of());
        }
        return chain.filter(exchange);
    }
}

package org.tributary.gateway.web;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A node answers with its own paths ({@code Location: /api/imports/{id}}); through the gateway that path is under
 * {@code /api/nodes/{country}}. Rewritten on the way out, so that a client follows the link through the gateway.
 * A link to the node's own address (absolute, inside the node's network) becomes the gateway's path too.
 */
@Component
class NodeLocationFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return -140; // after the node route check (-150)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        GatewayPaths path = GatewayPaths.of(exchange);
        String country = path.nodeCountry();
        if (country == null) {
            return chain.filter(exchange);
        }
        String prefix = "/api/nodes/" + path.segments().get(2);
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            String location = headers.getFirst(HttpHeaders.LOCATION);
            String rewritten = rewrite(location, prefix);
            if (rewritten != null) {
                headers.set(HttpHeaders.LOCATION, rewritten);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** The gateway's path for a node's link, or null to leave it as it is. */
    static String rewrite(String location, String prefix) {
        if (location == null || location.isBlank()) {
            return null;
        }
        String target;
        try {
            URI uri = URI.create(location.strip());
            target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (target == null || !target.startsWith("/api/") || target.startsWith("/api/nodes/")) {
            return null;
        }
        return prefix + target;
    }
}

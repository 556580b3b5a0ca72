package org.tributary.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every response, set just before it is committed so that they win over whatever a backend
 * sent. The gateway serves APIs only, hence the strict CSP and {@code no-store}. HSTS only over HTTPS (as seen by
 * the gateway, after forwarded-header processing).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class SecurityHeadersFilter implements WebFilter {

    static final String CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean https = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", CSP);
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            headers.remove(HttpHeaders.PRAGMA);
            headers.remove(HttpHeaders.EXPIRES);
            if (https) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}

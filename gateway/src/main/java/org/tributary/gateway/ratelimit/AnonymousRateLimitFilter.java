package org.tributary.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tributary.common.problem.ProblemType;
import org.tributary.gateway.config.GatewayProperties;
import org.tributary.gateway.security.BearerTokens;
import org.tributary.gateway.security.RequestIdentity;
import org.tributary.gateway.web.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * Throttling before authentication (see {@link GatewayProperties.Anonymous}): the very first filter, so that a flood
 * of bad tokens from one address costs one map lookup per request once its bucket is empty. In memory per gateway
 * instance: the unauthenticated path never waits for Redis.
 *
 * <p>The orchestrator's liveness and readiness probes are neither counted nor throttled: a probe answered 429 would
 * get a healthy gateway restarted or taken out of service by whoever floods it.
 */
@Component
class AnonymousRateLimitFilter implements WebFilter, Ordered {

    private final InMemoryRateLimiter limiter;
    private final ProxyRanges trustedProxies;

    public AnonymousRateLimitFilter(GatewayProperties properties) {
        GatewayProperties.Anonymous anonymous = properties.rateLimit().anonymous();
        this.limiter = new InMemoryRateLimiter(anonymous.replenishRate(), anonymous.burstCapacity());
        this.trustedProxies = new ProxyRanges(anonymous.trustedProxies());
    }

    @Override
    public int getOrder() {
        return -300; // before everything else: request shape (-200), node routes (-150), Spring Security (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isProbe(exchange)) {
            return chain.filter(exchange);
        }
        String client = clientAddress(exchange);
        // A request without a well-formed token can only end unauthenticated: it pays at once, so that concurrent
        // requests cannot all pass a bucket that still shows a token. One with a well-formed token pays only if it
        // ends unauthenticated (checking a token takes milliseconds, so few can be in flight meanwhile).
        boolean mayAuthenticate =
                BearerTokens.carriesWellFormedToken(exchange) || BearerTokens.carriesSessionCookie(exchange);
        boolean refused = mayAuthenticate
                ? limiter.exhausted(client)
                : !limiter.acquire(client).allowed();
        if (refused) {
            exchange.getResponse()
                    .getHeaders()
                    .set(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(limiter.retryAfter(client).toSeconds()));
            return ProblemResponses.write(
                    exchange,
                    ProblemType.TOO_MANY_REQUESTS,
                    429,
                    "Too many unauthenticated or refused requests from your address. Try again shortly.",
                    Map.of());
        }
        if (!mayAuthenticate) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).doFinally(signal -> {
            if (exchange.getResponse().getStatusCode() == HttpStatus.UNAUTHORIZED
                    || RequestIdentity.of(exchange) == null) {
                limiter.acquire(client);
            }
        });
    }

    static boolean isProbe(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        return exchange.getRequest().getMethod() == HttpMethod.GET
                && (path.equals("/actuator/health/liveness")
                        || path.equals("/actuator/health/readiness")
                        // Swagger UI's static files (one page load is a dozen of them); its documents still count.
                        || path.startsWith("/swagger-ui/")
                        || path.startsWith("/webjars/")
                        // The web application's script and styles (ADR 39).
                        || path.startsWith("/assets/"));
    }

    String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> forwarded = exchange.getRequest().getHeaders().getOrEmpty("X-Forwarded-For");
        String client = peer;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String[] hops = forwarded.get(i).split(",");
            for (int j = hops.length - 1; j >= 0; j--) {
                String hop = hops[j].trim();
                if (hop.isEmpty()) {
                    continue;
                }
                client = hop;
                if (!trustedProxies.contains(hop)) {
                    return hop;
                }
            }
        }
        return client;
    }
}

package org.tributary.gateway.ratelimit;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tributary.common.problem.ProblemType;
import org.tributary.gateway.security.RequestIdentity;
import org.tributary.gateway.web.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * Limits each authenticated user (by the token's {@code sub}) to the configured rate; anonymous requests never get
 * here except for the open health endpoint, which is not limited. 429 is a problem detail with {@code Retry-After}.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    private final UserRateLimiter limiter;

    public RateLimitFilter(UserRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public int getOrder() {
        return -50; // after Spring Security's chain (-100), before the body limits
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestIdentity identity = RequestIdentity.of(exchange);
        if (identity == null) {
            return chain.filter(exchange);
        }
        return limiter.tryAcquire(identity.subject()).flatMap(decision -> {
            if (decision.allowed()) {
                return chain.filter(exchange);
            }
            if (decision.retryAfter() != null) {
                exchange.getResponse()
                        .getHeaders()
                        .set(
                                HttpHeaders.RETRY_AFTER,
                                Long.toString(decision.retryAfter().toSeconds()));
            }
            return ProblemResponses.write(
                    exchange,
                    ProblemType.TOO_MANY_REQUESTS,
                    429,
                    "Too many requests from this account. Slow down and try again shortly.",
                    Map.of());
        });
    }
}

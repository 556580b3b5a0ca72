package org.tributary.gateway.ratelimit;

import java.time.Duration;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's {@link RedisRateLimiter} (a token bucket in Redis, shared by all gateway instances), keyed
 * by {@code <key-prefix>:<sub>}. When Redis fails, SCG's limiter answers "allowed" with {@code remaining = -1}; this
 * turns that into a {@link RedisFailed} error, so that {@link BreakingRateLimiter} can count it and decide the
 * request another way.
 */
final class RedisUserRateLimiter implements UserRateLimiter {

    static final String CONFIG_ID = "tributary-gateway";

    private final RedisRateLimiter limiter;
    private final String keyPrefix;
    private final Duration retryAfter;
    private final String description;

    public RedisUserRateLimiter(RedisRateLimiter limiter, String keyPrefix, int replenishRate, String description) {
        this.limiter = limiter;
        this.keyPrefix = keyPrefix;
        // One token comes back every 1/rate seconds; Retry-After counts whole seconds.
        this.retryAfter = Duration.ofSeconds(Math.max(1, (long) Math.ceil(1.0 / replenishRate)));
        this.description = description;
    }

    @Override
    public Mono<Decision> tryAcquire(String subject) {
        return limiter.isAllowed(CONFIG_ID, keyPrefix + ":" + subject).handle((response, sink) -> {
            if ("-1".equals(response.getHeaders().get(limiter.getRemainingHeader()))) {
                sink.error(new RedisFailed());
            } else {
                sink.next(response.isAllowed() ? Decision.allow() : new Decision(false, retryAfter));
            }
        });
    }

    /** Redis did not answer the limiter (SCG's limiter swallowed the cause). */
    static final class RedisFailed extends RuntimeException {
        RedisFailed() {
            super("Redis did not answer the rate limiter", null, false, false);
        }
    }

    @Override
    public String describe() {
        return description;
    }
}

package org.tributary.gateway.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The shared (Redis) limiter behind a circuit breaker, with an in-memory limiter beside it.
 *
 * <p>Redis must answer within {@code timeout}; a timeout or an error (Spring Cloud Gateway's limiter reports its own
 * Redis errors as {@link RedisUserRateLimiter.RedisFailed}) counts as a failure, and that request is decided by the
 * in-memory limiter. When half of the last 10 calls failed (at least 5 calls) the breaker opens: for {@code openFor}
 * no request waits for Redis at all, each is decided in memory, per gateway instance. Then one request tries Redis
 * again and closes the breaker if it answers. Only the transitions are logged, never each failure.
 */
final class BreakingRateLimiter implements UserRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(BreakingRateLimiter.class);

    private final UserRateLimiter shared;
    private final UserRateLimiter local;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    public BreakingRateLimiter(UserRateLimiter shared, UserRateLimiter local, Duration timeout, Duration openFor) {
        this.shared = shared;
        this.local = local;
        this.timeout = timeout;
        this.breaker = CircuitBreaker.of(
                "redis-rate-limiter",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(openFor)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .maxWaitDurationInHalfOpenState(openFor)
                        .recordExceptions(Throwable.class)
                        .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            var transition = event.getStateTransition();
            switch (transition.getToState()) {
                case OPEN ->
                    log.warn(
                            "Redis rate limiter failing (no answer within {} ms or an error): counting in memory on"
                                    + " this instance for {} s",
                            timeout.toMillis(),
                            openFor.toSeconds());
                case CLOSED -> log.info("Redis rate limiter answering again: shared counting resumed");
                default -> log.debug("Redis rate limiter breaker {}", transition);
            }
        });
    }

    @Override
    public Mono<Decision> tryAcquire(String subject) {
        if (!breaker.tryAcquirePermission()) {
            return local.tryAcquire(subject);
        }
        long started = System.nanoTime();
        return shared.tryAcquire(subject)
                .timeout(timeout)
                .doOnNext(d -> breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS))
                // A caller that goes away mid-call records nothing: give the (possibly half-open trial) permit back.
                .doOnCancel(breaker::releasePermission)
                .onErrorResume(e -> {
                    breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
                    return local.tryAcquire(subject);
                });
    }

    /**
     * Opens the connection to Redis before the first request needs it (connecting can take longer than the
     * per-request timeout); the outcome is not counted by the breaker.
     */
    public void warmUp() {
        try {
            shared.tryAcquire("warm-up").timeout(Duration.ofSeconds(2)).block();
        } catch (RuntimeException e) {
            log.warn("Redis rate limiter did not answer at start-up; requests will be decided in memory until it does");
        }
    }

    /** The breaker's state, for tests and health: CLOSED, OPEN or HALF_OPEN. */
    public String state() {
        return breaker.getState().name();
    }

    @Override
    public String describe() {
        return shared.describe() + " behind a breaker (timeout " + timeout.toMillis() + " ms), else "
                + local.describe();
    }
}

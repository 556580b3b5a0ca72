package org.tributary.gateway.ratelimit;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** A per-user request budget. */
interface UserRateLimiter {

    /** Takes one request from {@code subject}'s budget. */
    Mono<Decision> tryAcquire(String subject);

    /** For the start-up log: which limiter is in use. */
    String describe();

    /** @param retryAfter when to try again, if known (null otherwise) */
    record Decision(boolean allowed, Duration retryAfter) {

        public static Decision allow() {
            return new Decision(true, null);
        }
    }
}

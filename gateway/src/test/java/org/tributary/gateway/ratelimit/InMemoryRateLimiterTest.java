package org.tributary.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(2, 3, now::get);

    @Test
    void aUserGetsTheBurstThenWaitsForTheReplenishRate() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a").allowed()).isTrue();
        }
        UserRateLimiter.Decision refused = limiter.acquire("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.acquire("a").allowed()).isTrue();
        assertThat(limiter.acquire("a").allowed()).isFalse();
    }

    @Test
    void usersHaveSeparateBuckets() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        assertThat(limiter.acquire("a").allowed()).isFalse();
        assertThat(limiter.acquire("b").allowed()).isTrue();
    }
}

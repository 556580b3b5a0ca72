package org.tributary.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * A token bucket per user in this JVM's memory: for a single gateway, or when no Redis is configured. Buckets that
 * have filled up again (idle users) are dropped when the map grows past {@value #MAX_IDLE_SWEEP_SIZE} entries.
 */
final class InMemoryRateLimiter implements UserRateLimiter {

    static final int MAX_IDLE_SWEEP_SIZE = 10_000;

    private final double ratePerNano;
    private final double capacity;
    private final int replenishRate;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public InMemoryRateLimiter(int replenishRate, int burstCapacity) {
        this(replenishRate, burstCapacity, System::nanoTime);
    }

    InMemoryRateLimiter(int replenishRate, int burstCapacity, LongSupplier nanoTime) {
        this.replenishRate = replenishRate;
        this.ratePerNano = replenishRate / 1e9;
        this.capacity = burstCapacity;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<Decision> tryAcquire(String subject) {
        return Mono.fromSupplier(() -> acquire(subject));
    }

    Decision acquire(String subject) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > MAX_IDLE_SWEEP_SIZE) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
        Bucket bucket = buckets.computeIfAbsent(subject, s -> new Bucket(capacity, now));
        return bucket.take(now);
    }

    /** Whether {@code subject}'s bucket has less than one token now (nothing is taken). */
    boolean exhausted(String subject) {
        Bucket bucket = buckets.get(subject);
        return bucket != null && bucket.emptyAt(nanoTime.getAsLong());
    }

    /** When {@code subject} may try again, for a Retry-After header. */
    Duration retryAfter(String subject) {
        Bucket bucket = buckets.get(subject);
        return bucket == null ? Duration.ofSeconds(1) : bucket.retryAfter(nanoTime.getAsLong());
    }

    @Override
    public String describe() {
        return "in-memory token bucket (" + replenishRate + "/s, burst " + (long) capacity + ")";
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Decision take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.allow();
            }
            long nanos = (long) Math.ceil((1 - tokens) / ratePerNano);
            long seconds = Math.max(1, (long) Math.ceil(nanos / 1e9));
            return new Decision(false, Duration.ofSeconds(seconds));
        }

        synchronized boolean emptyAt(long now) {
            refill(now);
            return tokens < 1;
        }

        synchronized Duration retryAfter(long now) {
            refill(now);
            long nanos = (long) Math.ceil(Math.max(0, 1 - tokens) / ratePerNano);
            return Duration.ofSeconds(Math.max(1, (long) Math.ceil(nanos / 1e9)));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * ratePerNano);
            updated = now;
        }
    }
}

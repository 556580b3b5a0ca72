package org.tributary.node.release;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;

/**
 * Lets a few ad-hoc queries into their transaction at a time, in arrival order.
 *
 * <p>Every ad-hoc answer ends by locking the node's budget row, so answers are serial anyway; without this gate a
 * burst of queries would each hold a pooled connection while they wait for that lock, starve the pool, and turn
 * into "database unavailable" answers for case workers and for the burst itself. Queries wait here instead,
 * holding nothing, for at most {@code tributary.release.ad-hoc-wait} (5 s: no longer than the aggregator waits for
 * a node, so that no answer is computed and paid for after its caller gave up; then a {@code 503 busy} with
 * {@code Retry-After}). Correctness does not rest on the gate: the row lock still decides, across node instances
 * too.
 */
@Component
class AdHocGate {

    private final Semaphore permits;
    private final Duration wait;

    AdHocGate(
            @Value("${tributary.release.ad-hoc-concurrency:2}") int concurrency,
            @Value("${tributary.release.ad-hoc-wait:5s}") Duration wait) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("tributary.release.ad-hoc-concurrency must be at least 1");
        }
        this.permits = new Semaphore(concurrency, true);
        this.wait = wait;
    }

    <T> T through(Supplier<T> work) {
        boolean entered;
        try {
            entered = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entered = false;
        }
        if (!entered) {
            throw new ProblemException(
                    ProblemType.BUSY,
                    "Too many queries are being answered on this node at the moment. Try again shortly.");
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}

package org.tributary.node.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;

class AdHocGateTest {

    @Test
    void aQueryThatCannotEnterInTimeIsABusyProblemAndAFreedPermitLetsTheNextIn() throws Exception {
        var gate = new AdHocGate(1, Duration.ofMillis(100));
        var inside = new CountDownLatch(1);
        var leave = new CountDownLatch(1);
        var pool = Executors.newSingleThreadExecutor();
        try {
            var holder = pool.submit(() -> gate.through(() -> {
                inside.countDown();
                try {
                    return leave.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> gate.through(() -> "late"))
                    .isInstanceOfSatisfying(
                            ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.BUSY));
            leave.countDown();
            assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(gate.through(() -> "next")).isEqualTo("next");
    }

    @Test
    void aFailingQueryGivesItsPermitBack() {
        var gate = new AdHocGate(1, Duration.ofMillis(100));
        assertThatThrownBy(() -> gate.through(() -> {
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(gate.through(() -> "after")).isEqualTo("after");
    }

    @Test
    void atLeastOneQueryMustBeAllowedIn() {
        assertThatThrownBy(() -> new AdHocGate(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.tributary.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessEventsTest {

    private static AccessEvent event(int n) {
        return new AccessEvent(Instant.EPOCH.plusMillis(n), "c" + n, "r", "GET", "/p/" + n, 200, 1, null, List.of());
    }

    @Test
    void theBufferKeepsOnlyTheLatestEventsNewestFirst() {
        AccessEvents events = new AccessEvents(3);
        for (int i = 1; i <= 5; i++) {
            events.add(event(i));
        }
        assertThat(events.latest(10)).extracting(AccessEvent::correlationId).containsExactly("c5", "c4", "c3");
        assertThat(events.latest(2)).extracting(AccessEvent::correlationId).containsExactly("c5", "c4");
    }

    @Test
    void aSlowRequestThatFinishesAfterALaterOneIsListedByWhenItCameIn() {
        AccessEvents events = new AccessEvents(10);
        events.add(event(2)); // fast, came in second, finished first
        events.add(event(1)); // slow, came in first
        events.add(event(3));
        assertThat(events.latest(10)).extracting(AccessEvent::correlationId).containsExactly("c3", "c2", "c1");
    }
}

package org.tributary.aggregator.accessreview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessEventsTest {

    @Test
    void theRingKeepsOnlyTheNewestEventsAndAnswersNewestFirst() {
        var events = new AccessEvents(new SecurityConsoleProperties(
                "http://kc", "r", "c", null, null, 3, Duration.ofSeconds(1), Duration.ofDays(365)));
        for (int i = 1; i <= 5; i++) {
            events.record(AccessEvent.request(Instant.ofEpochSecond(i), "c" + i, null, "GET", "/api/x", 200, 1));
        }
        assertThat(events.recent(10)).extracting(AccessEvent::correlationId).containsExactly("c5", "c4", "c3");
        assertThat(events.recent(2)).extracting(AccessEvent::correlationId).containsExactly("c5", "c4");
    }

    @Test
    void eventsArrivingWhileABatchIsWrittenAreKeptEvenWhenTheBufferOverflows() {
        var events = new AccessEvents(new SecurityConsoleProperties(
                "http://kc", "r", "c", null, null, 3, Duration.ofSeconds(1), Duration.ofDays(365)));
        for (int i = 1; i <= 3; i++) {
            events.record(AccessEvent.request(Instant.ofEpochSecond(i), "c" + i, null, "GET", "/api/x", 200, 1));
        }
        var batch = events.pending(500);
        // Two arrive during the write: the full buffer drops c1 and c2, which the batch holds anyway.
        events.record(AccessEvent.request(Instant.ofEpochSecond(4), "c4", null, "GET", "/api/x", 200, 1));
        events.record(AccessEvent.request(Instant.ofEpochSecond(5), "c5", null, "GET", "/api/x", 200, 1));
        events.written(batch);
        assertThat(events.pending(500)).extracting(AccessEvent::correlationId).containsExactly("c4", "c5");
    }
}

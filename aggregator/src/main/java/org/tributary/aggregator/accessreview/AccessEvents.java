package org.tributary.aggregator.accessreview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.stereotype.Component;

/** The aggregator's own access events: a bounded ring in memory, the oldest dropped first. Lost on restart. */
@Component
class AccessEvents {

    private final int capacity;
    private final ArrayDeque<AccessEvent> ring;

    AccessEvents(SecurityConsoleProperties properties) {
        this.capacity = properties.eventsBuffer();
        this.ring = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    void record(AccessEvent event) {
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(event);
        }
    }

    /** At most {@code limit} events, newest first. */
    List<AccessEvent> recent(int limit) {
        synchronized (ring) {
            List<AccessEvent> out = new ArrayList<>(Math.min(limit, ring.size()));
            Iterator<AccessEvent> newestFirst = ring.descendingIterator();
            while (newestFirst.hasNext() && out.size() < limit) {
                out.add(newestFirst.next());
            }
            return out;
        }
    }
}

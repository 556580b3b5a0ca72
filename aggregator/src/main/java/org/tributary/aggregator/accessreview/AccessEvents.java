package org.tributary.aggregator.accessreview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The aggregator's own access events as they happen: a bounded ring in memory (what the console shows where no
 * database is), and the events not yet written to PostgreSQL by {@link AccessEventStore}.
 */
@Component
class AccessEvents {

    private final int capacity;
    private final ArrayDeque<AccessEvent> ring;

    AccessEvents(SecurityConsoleProperties properties) {
        this.capacity = properties.eventsBuffer();
        this.ring = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    /** Events not yet written to the database (AccessEventStore), oldest first; bounded as the ring is. */
    private final ArrayDeque<AccessEvent> unwritten = new ArrayDeque<>();

    void record(AccessEvent event) {
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(event);
            if (unwritten.size() == capacity) {
                unwritten.removeFirst();
            }
            unwritten.addLast(event);
        }
    }

    /** The oldest {@code max} events not yet written, without removing them. */
    List<AccessEvent> pending(int max) {
        synchronized (ring) {
            List<AccessEvent> out = new ArrayList<>(Math.min(max, unwritten.size()));
            Iterator<AccessEvent> oldestFirst = unwritten.iterator();
            while (oldestFirst.hasNext() && out.size() < max) {
                out.add(oldestFirst.next());
            }
            return out;
        }
    }

    /**
     * These pending events were written: they (and only they, by identity) leave the buffer, whatever arrived or was
     * dropped meanwhile.
     */
    void written(List<AccessEvent> batch) {
        java.util.Set<AccessEvent> done = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        done.addAll(batch);
        synchronized (ring) {
            unwritten.removeIf(done::contains);
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

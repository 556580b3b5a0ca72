package org.tributary.gateway.access;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tributary.gateway.config.GatewayProperties;

/** The latest access events, bounded: the oldest falls out when a new one comes in at capacity. */
@Component
public class AccessEvents {

    private final int capacity;
    private final ArrayDeque<AccessEvent> events;

    @Autowired
    public AccessEvents(GatewayProperties properties) {
        this(properties.accessEvents().capacity());
    }

    AccessEvents(int capacity) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 4096));
    }

    public int capacity() {
        return capacity;
    }

    public synchronized void add(AccessEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /**
     * The {@code limit} most recently finished requests, newest request first. Events are stored when a request
     * finishes, which is not always the order they came in (a slow request finishes after a later fast one), so they
     * are ordered by their start time.
     */
    public List<AccessEvent> latest(int limit) {
        List<AccessEvent> out = new ArrayList<>(Math.min(limit, capacity));
        synchronized (this) {
            for (Iterator<AccessEvent> it = events.descendingIterator(); it.hasNext() && out.size() < limit; ) {
                out.add(it.next());
            }
        }
        out.sort(Comparator.comparing(AccessEvent::time).reversed());
        return out;
    }
}

package org.tributary.aggregator.indicators;

import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Service;
import org.tributary.aggregator.federation.NodeReply;
import org.tributary.aggregator.federation.RegionalCatalogue;
import org.tributary.aggregator.federation.RegionalQueries;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.regional.NodeStatus;

/**
 * The nodes' catalogue releases, fetched once per release period and served from memory to every reader: a node's
 * release does not change within its period, so the catalogue is fetched again only when some node's period moved
 * on (as its capabilities say), when a node that had no release has one now, or — for nodes that did not answer —
 * after a short while.
 */
@Service
public class RegionalCatalogues {

    /** How long a catalogue with missing nodes is kept before they are asked again. */
    static final Duration RETRY_MISSING = Duration.ofSeconds(30);

    private final RegionalQueries queries;
    private final NodeRegistry registry;
    private final Clock clock;
    private volatile RegionalCatalogue cached;

    RegionalCatalogues(RegionalQueries queries, NodeRegistry registry, Clock clock) {
        this.queries = queries;
        this.registry = registry;
        this.clock = clock;
    }

    /** The catalogue releases of the nodes' current periods. */
    public RegionalCatalogue current() {
        RegionalCatalogue c = cached;
        if (c != null && fresh(c)) {
            return c;
        }
        synchronized (this) {
            c = cached;
            if (c != null && fresh(c)) {
                return c;
            }
            c = queries.catalogue();
            cached = c;
            return c;
        }
    }

    /** Fetched now, whatever is cached (a scheduled or manual release). */
    public synchronized RegionalCatalogue fetch() {
        cached = queries.catalogue();
        return cached;
    }

    private boolean fresh(RegionalCatalogue c) {
        var periods = c.periods();
        for (var e : registry.releasePeriods().entrySet()) {
            String had = periods.get(e.getKey());
            if (had != null && !had.equals(e.getValue())) {
                return false;
            }
        }
        boolean missing = c.replies().stream().map(NodeReply::status).anyMatch(s -> s != NodeStatus.OK);
        return !missing
                || c.answeredAt() == null
                || c.answeredAt().plus(RETRY_MISSING).isAfter(clock.instant());
    }
}

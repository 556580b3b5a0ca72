package org.tributary.aggregator.accessreview;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Writes the buffered access events once a second, and deletes the expired ones every hour. */
@Component
class AccessEventRoutes extends RouteBuilder {

    private final AccessEventStore store;

    AccessEventRoutes(AccessEventStore store) {
        this.store = store;
    }

    @Override
    public void configure() {
        // The database away: the events stay buffered for the next try (AccessEventStore.flush).
        onException(Exception.class)
                .handled(true)
                .log(
                        org.apache.camel.LoggingLevel.WARN,
                        "Access events could not be written (${exception.class.simpleName}); kept for the next try");
        from("timer:access-events-flush?period=1000&delay=1000")
                .routeId("access-events-flush")
                .bean(store, "flush");
        from("timer:access-events-expiry?period=3600000&delay=60000")
                .routeId("access-events-expiry")
                .bean(store, "expire");
    }
}

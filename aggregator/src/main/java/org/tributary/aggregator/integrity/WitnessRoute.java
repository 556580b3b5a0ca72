package org.tributary.aggregator.integrity;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Checks every node's audit chain against a fresh checkpoint, periodically. */
@Component
class WitnessRoute extends RouteBuilder {

    private final Witness witness;
    private final IntegrityProperties properties;

    WitnessRoute(Witness witness, IntegrityProperties properties) {
        this.witness = witness;
        this.properties = properties;
    }

    @Override
    public void configure() {
        long period = properties.witnessPeriod().toMillis();
        from("timer:witness-audit-chains?period=" + period + "&delay=" + Math.min(period, 10_000))
                .routeId("witness-audit-chains")
                .bean(witness, "checkAll");
    }
}

package org.tributary.aggregator.releases;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;

/**
 * Scheduled releases: a Spring cron (e.g. monthly) makes the same release a manual {@code POST} does. A failed
 * scheduled run is logged and stores nothing; the next run tries again.
 */
@Component
class ReleaseRoutes extends RouteBuilder {

    /** A cron of {@code off} keeps only the manual trigger. */
    static final String OFF = "off";

    private final AggregatorProperties properties;
    private final Releases releases;

    ReleaseRoutes(AggregatorProperties properties, Releases releases) {
        this.properties = properties;
        this.releases = releases;
    }

    @Override
    public void configure() {
        String cron = properties.releaseCron().strip();
        boolean scheduled = !OFF.equalsIgnoreCase(cron);

        from("scheduler:regional-release?scheduler=spring&scheduler.cron="
                        + (scheduled ? cron : "0 0 0 1 1 *").replace(' ', '+'))
                .routeId("scheduled-release")
                .autoStartup(scheduled)
                .onException(Exception.class)
                .handled(true)
                .log(
                        org.apache.camel.LoggingLevel.WARN,
                        "Scheduled release failed (${exception.class.simpleName}); no release stored")
                .end()
                .bean(releases, "run('scheduled', 'scheduler')");
    }
}

package org.tributary.aggregator.accessreview;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** The aggregator's and the gateway's access events in one list, newest first, each labelled with its source. */
@Service
class AccessEventsReport {

    static final String OK = "ok";
    static final String UNAVAILABLE = "unavailable";

    private final SecurityConsoleProperties properties;
    private final AccessEvents events;
    private final OfficerRelay relay;

    AccessEventsReport(SecurityConsoleProperties properties, AccessEvents events, OfficerRelay relay) {
        this.properties = properties;
        this.events = events;
        this.relay = relay;
    }

    /**
     * Whether a source answered.
     *
     * @param status {@code ok} or {@code unavailable}
     * @param reason why not (unavailable only)
     * @param events how many of its events were read
     */
    record Source(String name, String status, String reason, Integer events) {}

    record Answer(List<AccessEvent> events, List<Source> sources) {}

    Answer recent(int limit, String officerToken) {
        List<AccessEvent> merged = new ArrayList<>(events.recent(limit));
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(AccessEvent.AGGREGATOR, OK, null, merged.size()));
        if (!properties.gatewayConfigured()) {
            sources.add(new Source(AccessEvent.GATEWAY, UNAVAILABLE, "gateway-url is not configured", null));
        } else {
            String url =
                    AuditChains.strip(properties.gatewayUrl().strip()) + "/gateway/v1/access-events?limit=" + limit;
            OfficerRelay.Reply reply = relay.async(
                            () -> relay.get(url, officerToken),
                            new OfficerRelay.Reply(
                                    0,
                                    null,
                                    "no answer within " + relay.timeout().toMillis() + " ms"))
                    .join();
            if (!reply.ok() || !reply.body().isArray()) {
                String reason = reply.ok() ? "answer is not a list of events" : reply.failure();
                sources.add(new Source(AccessEvent.GATEWAY, UNAVAILABLE, reason, null));
            } else {
                List<AccessEvent> gateway = new ArrayList<>();
                for (JsonNode e : reply.body()) {
                    if (gateway.size() < limit && e.isObject()) {
                        gateway.add(gatewayEvent(e));
                    }
                }
                merged.addAll(gateway);
                sources.add(new Source(AccessEvent.GATEWAY, OK, null, gateway.size()));
            }
        }
        merged.sort(Comparator.comparing(AccessEvent::time, Comparator.nullsLast(Comparator.reverseOrder())));
        return new Answer(merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged, sources);
    }

    private static AccessEvent gatewayEvent(JsonNode e) {
        Long status = AuditChains.longOrNull(e.get("status"));
        return new AccessEvent(
                AccessEvent.GATEWAY,
                time(e.get("time")),
                AuditChains.textOrNull(e.get("correlationId")),
                AuditChains.textOrNull(e.get("sub")),
                AuditChains.textOrNull(e.get("method")),
                AuditChains.textOrNull(e.get("path")),
                status == null ? null : status.intValue(),
                AuditChains.longOrNull(e.get("durationMs")),
                AuditChains.textOrNull(e.get("routeId")),
                null,
                null);
    }

    /** ISO-8601 text or epoch milliseconds; anything else is no time. */
    private static Instant time(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        if (value.isString()) {
            try {
                return Instant.parse(value.stringValue());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}

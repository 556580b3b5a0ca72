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
    private final org.springframework.beans.factory.ObjectProvider<AccessEventStore> store;

    AccessEventsReport(
            SecurityConsoleProperties properties,
            AccessEvents events,
            OfficerRelay relay,
            org.springframework.beans.factory.ObjectProvider<AccessEventStore> store) {
        this.properties = properties;
        this.events = events;
        this.relay = relay;
        this.store = store;
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
        return find(AccessEventQuery.latest(limit), officerToken);
    }

    /**
     * The events that match, newest first: the aggregator's from PostgreSQL (where there is no database, from its
     * memory), the gateway's from its memory, filtered here.
     */
    Answer find(AccessEventQuery query, String officerToken) {
        int limit = query.limit();
        List<Source> sources = new ArrayList<>();
        List<AccessEvent> merged = new ArrayList<>();
        if (query.source() == null || AccessEvent.AGGREGATOR.equals(query.source())) {
            AccessEventStore stored = store.getIfAvailable();
            List<AccessEvent> own = stored != null
                    ? stored.find(query)
                    : events.recent(Integer.MAX_VALUE).stream()
                            .filter(query::matches)
                            .limit(limit)
                            .toList();
            merged.addAll(own);
            sources.add(new Source(AccessEvent.AGGREGATOR, OK, null, own.size()));
        }
        if (query.source() != null && !AccessEvent.GATEWAY.equals(query.source())) {
            // Only the aggregator's were asked for.
        } else if (!properties.gatewayConfigured()) {
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
                        AccessEvent event = gatewayEvent(e);
                        if (query.matches(event)) {
                            gateway.add(event);
                        }
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

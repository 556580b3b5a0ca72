package org.tributary.aggregator.accessreview;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The access events in PostgreSQL: what {@link AccessEvents} buffered is written in batches (once a second, by
 * {@link AccessEventRoutes}, and at shutdown), read back with filters, and deleted after the retention period. A
 * hard kill loses at most the last second's events.
 */
@Component
public class AccessEventStore {

    private final JdbcClient jdbc;
    private final AccessEvents buffer;
    private final Duration retention;

    AccessEventStore(JdbcClient jdbc, AccessEvents buffer, SecurityConsoleProperties properties) {
        this.jdbc = jdbc;
        this.buffer = buffer;
        this.retention = properties.eventsRetention();
        if (retention.compareTo(Duration.ofDays(30)) < 0) {
            throw new IllegalStateException("tributary.security-console.events-retention must be at least 30 days");
        }
    }

    /**
     * Writes what is buffered, in statements of at most 500 events; an event leaves the buffer only once written, so
     * that a database outage loses nothing the buffer can hold. Returns how many events were written.
     */
    public synchronized int flush() {
        int written = 0;
        List<AccessEvent> batch;
        while (!(batch = buffer.pending(500)).isEmpty()) {
            StringBuilder sql = new StringBuilder("insert into access_event (source, at, correlation_id, sub, method,"
                    + " path, status, duration_ms, route_id, action, target_id) values ");
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                AccessEvent e = batch.get(i);
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.add(e.source());
                params.add(Timestamp.from(e.time()));
                params.add(e.correlationId());
                params.add(e.sub());
                params.add(e.method());
                params.add(e.path());
                params.add(e.status());
                params.add(e.durationMs());
                params.add(e.routeId());
                params.add(e.action());
                params.add(e.targetId());
            }
            jdbc.sql(sql.toString()).params(params).update();
            buffer.written(batch);
            written += batch.size();
        }
        return written;
    }

    /**
     * Deletes the events older than the retention period (through the owner's {@code expire_access_events}: the
     * application's role may not delete them itself); returns how many.
     */
    public int expire() {
        return jdbc.sql("select expire_access_events(?)")
                .param((int) Math.min(Integer.MAX_VALUE, retention.toDays()))
                .query(Long.class)
                .single()
                .intValue();
    }

    @jakarta.annotation.PreDestroy
    void flushAtShutdown() {
        try {
            flush();
        } catch (RuntimeException e) {
            // The database may be gone already at shutdown: nothing more can be kept.
        }
    }

    /** The stored events that match, newest first (what is still buffered is written first). */
    List<AccessEvent> find(AccessEventQuery q) {
        flush();
        StringBuilder sql = new StringBuilder("select source, at, correlation_id, sub, method, path, status,"
                + " duration_ms, route_id, action, target_id from access_event where true");
        List<Object> params = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" and at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and at < ?");
            params.add(Timestamp.from(q.to()));
        }
        if (q.sub() != null) {
            sql.append(" and sub = ?");
            params.add(q.sub());
        }
        if (q.action() != null) {
            sql.append(" and action = ?");
            params.add(q.action());
        }
        if (q.status() != null) {
            sql.append(" and status = ?");
            params.add(q.status());
        }
        if (q.pathPrefix() != null) {
            // A prefix, its LIKE wildcards taken literally.
            sql.append(" and path like ? escape '\\'");
            params.add(q.pathPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        sql.append(" order by at desc, id desc limit ?");
        params.add(q.limit());
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new AccessEvent(
                        rs.getString("source"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("correlation_id"),
                        rs.getString("sub"),
                        rs.getString("method"),
                        rs.getString("path"),
                        (Integer) rs.getObject("status"),
                        (Long) rs.getObject("duration_ms"),
                        rs.getString("route_id"),
                        rs.getString("action"),
                        rs.getString("target_id")))
                .list();
    }
}

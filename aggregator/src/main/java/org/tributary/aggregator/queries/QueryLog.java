package org.tributary.aggregator.queries;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The aggregator's durable log of ad-hoc questions: who asked (the token's subject), what, when, and what each node
 * did with it. The nodes keep their own audit and budgets; this is the region's side of the record. Append-only.
 */
@Service
public class QueryLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    QueryLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** One question as logged. */
    public record Entry(long id, Instant at, String requester, String kind, String query, Map<String, String> nodes) {}

    public void record(String requester, String kind, String query, Map<String, String> nodeStatuses) {
        jdbc.sql("insert into query_log (at, requester, kind, query, nodes) values (?, ?, ?, ?, ?::jsonb)")
                .params(
                        Timestamp.from(clock.instant()),
                        requester,
                        kind,
                        query,
                        json.writeValueAsString(new LinkedHashMap<>(nodeStatuses)))
                .update();
    }

    @SuppressWarnings("unchecked")
    public List<Entry> recent(String requester, int size) {
        return jdbc.sql("select id, at, requester, kind, query, nodes::text from query_log"
                        + " where (?::text is null or requester = ?) order by id desc limit ?")
                .params(requester, requester, size)
                .query((rs, n) -> new Entry(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        json.readValue(rs.getString(6), Map.class)))
                .list();
    }
}

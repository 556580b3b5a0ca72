package org.tributary.node.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tributary.common.problem.FieldError;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Import jobs, kept so that a finished job's report can be read after the fact and after a restart. */
@Repository
class ImportJobRepository {

    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ImportJobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(ImportJob job) {
        jdbc.sql(
                        "insert into import_jobs (id, status, format, mode, requested_by, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(
                        job.id,
                        job.status().name(),
                        job.format.name(),
                        job.mode.parameter(),
                        job.requestedBy,
                        Timestamp.from(job.createdAt))
                .update();
    }

    void save(ImportJobView v) {
        jdbc.sql("update import_jobs set status = ?, finished_at = ?, rows_total = ?, rows_processed = ?,"
                        + " rows_inserted = ?, rows_updated = ?, rows_rejected = ?, error_count = ?, errors = ?::jsonb,"
                        + " ignored_columns = ?::jsonb, message = ? where id = ?")
                .params(
                        v.status().name(),
                        v.finishedAt() == null ? null : Timestamp.from(v.finishedAt()),
                        v.rowsTotal(),
                        v.rowsProcessed(),
                        v.rowsInserted(),
                        v.rowsUpdated(),
                        v.rowsRejected(),
                        v.errorCount(),
                        json.writeValueAsString(v.errors()),
                        json.writeValueAsString(v.ignoredColumns()),
                        v.message(),
                        v.id())
                .update();
    }

    Optional<ImportJobView> find(UUID id) {
        return jdbc.sql("select * from import_jobs where id = ?")
                .param(id)
                .query((rs, n) -> view(rs, true))
                .optional();
    }

    /**
     * The latest jobs, newest first, without their row errors (open a job for those); only {@code requestedBy}'s
     * when given.
     */
    List<ImportJobView> recent(String requestedBy, int limit) {
        return (requestedBy == null
                        ? jdbc.sql("select * from import_jobs order by created_at desc limit ?")
                                .param(limit)
                        : jdbc.sql("select * from import_jobs where requested_by = ? order by created_at desc limit ?")
                                .params(requestedBy, limit))
                .query((rs, n) -> view(rs, false))
                .list();
    }

    private ImportJobView view(java.sql.ResultSet rs, boolean withErrors) throws java.sql.SQLException {
        return new ImportJobView(
                rs.getObject("id", UUID.class),
                ImportStatus.valueOf(rs.getString("status")),
                ImportFormat.valueOf(rs.getString("format")),
                rs.getString("mode"),
                (Long) rs.getObject("rows_total"),
                rs.getLong("rows_processed"),
                rs.getLong("rows_inserted"),
                rs.getLong("rows_updated"),
                rs.getLong("rows_rejected"),
                rs.getLong("error_count"),
                withErrors ? json.readValue(rs.getString("errors"), ERRORS) : List.of(),
                json.readValue(rs.getString("ignored_columns"), STRINGS),
                rs.getString("message"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("finished_at") == null
                        ? null
                        : rs.getTimestamp("finished_at").toInstant());
    }

    void markFailed(UUID id, Instant now) {
        jdbc.sql("update import_jobs set status = 'FAILED', finished_at = ?, message = ? where id = ?")
                .params(Timestamp.from(now), "The import failed on the node; nothing was written.", id)
                .update();
    }

    /** Jobs that were queued or running when the node stopped: their transaction never committed. */
    int failInterrupted(Instant now) {
        return jdbc.sql("update import_jobs set status = 'FAILED', finished_at = ?, message = ?"
                        + " where status in ('QUEUED', 'RUNNING')")
                .params(Timestamp.from(now), "The node stopped during this import; nothing from it was written.")
                .update();
    }
}

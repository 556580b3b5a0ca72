package org.tributary.node.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.tributary.common.problem.FieldError;

/** An import while it runs: counters that the job's thread writes and status requests read. */
final class ImportJob {

    final UUID id;
    final ImportFormat format;
    final ImportMode mode;
    final String requestedBy;
    /** Who imports, as need-to-know sees them: which cases they may replace and whom they may name as owner. */
    final org.tributary.node.web.CaseViewer importer;

    final Instant createdAt;
    private final int maxReportedErrors;

    private volatile ImportStatus status = ImportStatus.QUEUED;
    private volatile Long rowsTotal;
    final AtomicLong rowsProcessed = new AtomicLong();
    private final AtomicLong rowsRejected = new AtomicLong();
    private final AtomicLong errorCount = new AtomicLong();
    private final List<FieldError> errors = new ArrayList<>();
    private volatile List<String> ignoredColumns = List.of();
    private volatile long rowsInserted;
    private volatile long rowsUpdated;
    private volatile String message;
    private volatile Instant finishedAt;
    /** Phase timings for the operator's log line. */
    volatile long streamMillis;

    volatile long mergeMillis;

    ImportJob(
            UUID id,
            ImportFormat format,
            ImportMode mode,
            String requestedBy,
            org.tributary.node.web.CaseViewer importer,
            Instant createdAt,
            int maxReportedErrors) {
        this.id = id;
        this.format = format;
        this.mode = mode;
        this.requestedBy = requestedBy;
        this.importer = importer;
        this.createdAt = createdAt;
        this.maxReportedErrors = maxReportedErrors;
    }

    void running(Long total) {
        rowsTotal = total;
        status = ImportStatus.RUNNING;
    }

    void rejectRow(List<FieldError> rowErrors) {
        rowsRejected.incrementAndGet();
        errorCount.addAndGet(rowErrors.size());
        synchronized (errors) {
            for (FieldError e : rowErrors) {
                if (errors.size() >= maxReportedErrors) {
                    break;
                }
                errors.add(e);
            }
        }
    }

    long rowsRejected() {
        return rowsRejected.get();
    }

    void ignoredColumns(List<String> columns) {
        ignoredColumns = List.copyOf(columns);
    }

    void finish(ImportStatus finalStatus, long inserted, long updated, String finalMessage, Instant at) {
        rowsInserted = inserted;
        rowsUpdated = updated;
        message = finalMessage;
        finishedAt = at;
        if (rowsTotal == null) {
            rowsTotal = rowsProcessed.get();
        }
        status = finalStatus;
    }

    ImportStatus status() {
        return status;
    }

    ImportJobView view() {
        List<FieldError> reported;
        synchronized (errors) {
            reported = List.copyOf(errors);
        }
        return new ImportJobView(
                id,
                status,
                format,
                mode.parameter(),
                rowsTotal,
                rowsProcessed.get(),
                rowsInserted,
                rowsUpdated,
                rowsRejected.get(),
                errorCount.get(),
                reported,
                ignoredColumns,
                message,
                createdAt,
                finishedAt);
    }
}

package org.tributary.node.ingest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.tributary.common.problem.FieldError;

/**
 * An import job as clients see it. {@code errors} lists bad rows (row, field, value, reason) up to the node's
 * reporting cap; {@code errorCount} counts all of them. Values of personal fields are never echoed.
 */
public record ImportJobView(
        UUID id,
        ImportStatus status,
        ImportFormat format,
        String mode,
        Long rowsTotal,
        long rowsProcessed,
        long rowsInserted,
        long rowsUpdated,
        long rowsRejected,
        long errorCount,
        List<FieldError> errors,
        List<String> ignoredColumns,
        String message,
        Instant createdAt,
        Instant finishedAt) {}

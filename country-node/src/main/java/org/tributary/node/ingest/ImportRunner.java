package org.tributary.node.ingest;

import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.common.problem.FieldError;
import org.tributary.node.cases.CaseBulkWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one import in one transaction: stream the file, check every row, stream the good rows into the bulk
 * writer, then merge (or roll back). Whatever happens, nothing is half-written: all-or-nothing rolls back on the
 * first bad row's account, partial mode writes only good rows, and an unreadable file writes nothing in either.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final CaseBulkWriter writer;
    private final HtcdsRowMapper rowMapper;
    private final JsonMapper json;
    private final Validator validator;
    private final Clock clock;

    ImportRunner(
            DataSource dataSource,
            TransactionTemplate transactions,
            CaseBulkWriter writer,
            HtcdsRowMapper rowMapper,
            JsonMapper json,
            Validator validator,
            Clock clock) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.writer = writer;
        this.rowMapper = rowMapper;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    void run(ImportJob job, Path file, boolean countFirst) {
        CaseFileReader reader = switch (job.format) {
            case CSV -> new CsvCaseReader(rowMapper);
            case XLSX -> new XlsxCaseReader(rowMapper);
            case JSON -> new JsonCaseReader(json, validator);
        };
        try {
            job.running(countFirst ? reader.count(file) : null);
            var result = transactions.execute(tx -> {
                try {
                    var outcome = write(job, reader, file);
                    if (outcome == null) {
                        tx.setRollbackOnly();
                    }
                    return outcome;
                } catch (SQLException | IOException e) {
                    throw new ImportFailedException(e);
                }
            });
            job.ignoredColumns(ignoredColumns(reader));
            if (result == null) {
                job.finish(
                        ImportStatus.REJECTED,
                        0,
                        0,
                        job.rowsRejected() + " row(s) have errors; nothing was written. "
                                + "Correct them and send the file again, or import with mode=partial.",
                        clock.instant());
            } else {
                job.finish(
                        job.rowsRejected() == 0 ? ImportStatus.SUCCEEDED : ImportStatus.SUCCEEDED_WITH_ERRORS,
                        result.inserted(),
                        result.updated(),
                        null,
                        clock.instant());
            }
        } catch (UnreadableFileException e) {
            job.finish(ImportStatus.REJECTED, 0, 0, e.getMessage() + " Nothing was written.", clock.instant());
        } catch (IOException | RuntimeException e) {
            // Class only: a driver's message can quote a value from the file.
            log.error("Import {} failed: {}", job.id, e.getClass().getName());
            job.finish(
                    ImportStatus.FAILED, 0, 0, "The import failed on the node; nothing was written.", clock.instant());
        }
    }

    /** Streams the file; returns null when the transaction must roll back (all-or-nothing with bad rows). */
    private CaseBulkWriter.Result write(ImportJob job, CaseFileReader reader, Path file)
            throws SQLException, IOException {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        var session = writer.open(connection, job.requestedBy, clock.instant());
        Map<String, Long> seen = new HashMap<>();
        boolean allOrNothing = job.mode == ImportMode.ALL_OR_NOTHING;
        try {
            reader.read(file, row -> {
                job.rowsProcessed.incrementAndGet();
                if (!row.isValid()) {
                    job.rejectRow(row.errors());
                    return;
                }
                String ref = row.request().externalRef();
                Long first = seen.putIfAbsent(ref, row.row());
                if (first != null) {
                    job.rejectRow(List.of(new FieldError(
                            row.row(),
                            "externalRef",
                            ref,
                            "appears also in row " + first + "; each case may appear once per file")));
                    return;
                }
                if (allOrNothing && job.rowsRejected() > 0) {
                    return; // nothing will be written: keep checking rows, stop sending them
                }
                try {
                    session.add(row.request());
                } catch (SQLException e) {
                    throw new ImportFailedException(e);
                }
            });
        } catch (RuntimeException e) {
            session.abandon();
            throw e;
        }
        if (job.rowsProcessed.get() == 0) {
            session.abandon();
            throw new UnreadableFileException("The file has no data rows.");
        }
        if (allOrNothing && job.rowsRejected() > 0) {
            session.abandon();
            return null;
        }
        return session.merge();
    }

    private static List<String> ignoredColumns(CaseFileReader reader) {
        if (reader instanceof CsvCaseReader csv) {
            return csv.ignoredColumns();
        }
        if (reader instanceof XlsxCaseReader xlsx) {
            return xlsx.ignoredColumns();
        }
        return List.of();
    }

    static final class ImportFailedException extends RuntimeException {
        ImportFailedException(Exception cause) {
            super(cause.getClass().getName(), cause, false, false);
        }
    }
}

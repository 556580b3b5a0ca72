package org.tributary.node.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.common.problem.FieldError;
import org.tributary.node.cases.CaseBulkWriter;
import org.tributary.node.cases.CaseRules;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one import in one transaction. A reader thread parses and checks the file while this thread writes the
 * good rows through the bulk writer (two cores, two halves of the work). Whatever happens, nothing is
 * half-written: all-or-nothing rolls back when any row is bad, partial mode writes only good rows, and an
 * unreadable file or a failure writes nothing in either mode.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);
    private static final int CHUNK = 500;
    private static final List<SourceRow> END = List.of();

    private final TransactionTemplate transactions;
    private final CaseBulkWriter writer;
    private final HtcdsRowMapper rowMapper;
    private final JsonMapper json;
    private final CaseRules rules;
    private final ExecutorService readers;
    private final Clock clock;

    private final org.tributary.node.cases.CaseStatistics statistics;
    private final org.tributary.node.metrics.NodeMetrics metrics;

    ImportRunner(
            TransactionTemplate transactions,
            CaseBulkWriter writer,
            HtcdsRowMapper rowMapper,
            JsonMapper json,
            CaseRules rules,
            @Qualifier("importReaderExecutor") ExecutorService readers,
            Clock clock,
            org.tributary.node.cases.CaseStatistics statistics,
            org.tributary.node.metrics.NodeMetrics metrics) {
        this.metrics = metrics;
        this.statistics = statistics;
        this.transactions = transactions;
        this.writer = writer;
        this.rowMapper = rowMapper;
        this.json = json;
        this.rules = rules;
        this.readers = readers;
        this.clock = clock;
    }

    void run(ImportJob job, Path file, boolean countFirst) {
        CaseFileReader reader = switch (job.format) {
            case CSV -> new CsvCaseReader(rowMapper);
            case XLSX -> new XlsxCaseReader(rowMapper);
            case JSON -> new JsonCaseReader(json, rules);
        };
        long started = System.nanoTime();
        try {
            job.running(countFirst ? reader.count(file) : null);
            var result = transactions.execute(tx -> {
                try {
                    var outcome = write(job, reader, file);
                    if (outcome == null) {
                        tx.setRollbackOnly();
                    }
                    return outcome;
                } catch (SQLException e) {
                    throw new ImportFailedException(e);
                }
            });
            job.ignoredColumns(reader.ignoredColumns());
            // Rows written, and rows refused (in all-or-nothing mode with bad rows, every row: none was written).
            metrics.importRows(
                    result == null ? 0 : result.inserted() + result.updated(),
                    result == null ? job.rowsProcessed.get() : job.rowsRejected());
            if (result == null) {
                job.finish(
                        ImportStatus.REJECTED,
                        0,
                        0,
                        job.rowsRejected() + " row(s) have errors; nothing was written. "
                                + "Correct them and send the file again, or import with mode=partial.",
                        clock.instant());
            } else {
                if (result.inserted() + result.updated() > 0) {
                    statistics.refresh();
                }
                job.finish(
                        job.rowsRejected() == 0 ? ImportStatus.SUCCEEDED : ImportStatus.SUCCEEDED_WITH_ERRORS,
                        result.inserted(),
                        result.updated(),
                        null,
                        clock.instant());
            }
            log.info(
                    "Import {} {}: {} rows read, {} inserted, {} updated, {} rejected in {} ms",
                    job.id,
                    job.status(),
                    job.rowsProcessed.get(),
                    result == null ? 0 : result.inserted(),
                    result == null ? 0 : result.updated(),
                    job.rowsRejected(),
                    millisSince(started));
        } catch (UnreadableFileException e) {
            job.finish(ImportStatus.REJECTED, 0, 0, e.getMessage() + " Nothing was written.", clock.instant());
        } catch (IOException | RuntimeException e) {
            String message = isUniqueViolation(e)
                    ? "A case with one of these externalRefs was created while the import ran; nothing was written."
                            + " Send the file again."
                    : "The import failed on the node; nothing was written.";
            // Class only: a driver's message can quote a value from the file.
            log.error("Import {} failed: {}", job.id, rootClass(e));
            job.finish(ImportStatus.FAILED, 0, 0, message, clock.instant());
        }
    }

    /** Streams the file; returns null when the transaction must roll back (all-or-nothing with bad rows). */
    private CaseBulkWriter.Result write(ImportJob job, CaseFileReader reader, Path file) throws SQLException {
        var session = writer.open(job.requestedBy, clock.instant(), job.importer.username());
        BlockingQueue<List<SourceRow>> chunks = new ArrayBlockingQueue<>(8);
        Future<?> producer = readers.submit(() -> read(reader, file, chunks));
        Map<String, Long> seen = new HashMap<>();
        boolean allOrNothing = job.mode == ImportMode.ALL_OR_NOTHING;
        try {
            List<SourceRow> chunk;
            while ((chunk = take(chunks)) != END) {
                // Need-to-know: a case worker replaces only cases they own or are assigned to.
                List<String> refs = job.importer.supervisor()
                        ? List.of()
                        : chunk.stream()
                                .filter(SourceRow::isValid)
                                .map(r -> r.request().externalRef())
                                .toList();
                java.util.Set<String> notTheirs = job.importer.supervisor()
                        ? java.util.Set.of()
                        : session.notVisibleTo(job.importer.username(), refs);
                Map<String, String> owners = job.importer.supervisor() ? Map.of() : session.owners(refs);
                for (SourceRow row : chunk) {
                    job.rowsProcessed.incrementAndGet();
                    if (!row.isValid()) {
                        job.rejectRow(row.errors());
                        continue;
                    }
                    String ref = row.request().externalRef();
                    FieldError ownership = ownership(job.importer, row, notTheirs.contains(ref), owners);
                    if (ownership != null) {
                        job.rejectRow(List.of(ownership));
                        continue;
                    }
                    Long first = seen.putIfAbsent(ref, row.row());
                    if (first != null) {
                        job.rejectRow(List.of(new FieldError(
                                row.row(),
                                "externalRef",
                                ref,
                                "appears also in row " + first + "; each case may appear once per file")));
                    } else if (!allOrNothing || job.rowsRejected() == 0) {
                        // In all-or-nothing mode, once a row is bad nothing will be written: keep checking, stop
                        // writing.
                        session.add(row.request());
                    }
                }
            }
            awaitReader(producer);
        } catch (RuntimeException | SQLException e) {
            producer.cancel(true);
            session.abandon();
            throw e;
        }
        if (job.rowsProcessed.get() == 0) {
            throw new UnreadableFileException("The file has no data rows.");
        }
        if (allOrNothing && job.rowsRejected() > 0) {
            session.abandon();
            return null;
        }
        return session.finish();
    }

    /**
     * Why a row may not be written by this importer, or null: a case worker may not name another owner (new cases
     * with no owner are theirs), nor replace a case that is not theirs. The value is not echoed: it names a colleague
     * or refers to a case the importer may not see.
     */
    static FieldError ownership(
            org.tributary.node.web.CaseViewer importer,
            SourceRow row,
            boolean notTheirs,
            Map<String, String> knownOwners) {
        if (importer.supervisor()) {
            return null;
        }
        if (importer.username() == null) {
            return new FieldError(
                    row.row(), "caseOwner", null, "your sign-in names no user, so the case would be nobody's");
        }
        if (notTheirs) {
            return new FieldError(
                    row.row(),
                    "externalRef",
                    null,
                    "a case with this reference exists and is not assigned to you; ask a case supervisor");
        }
        String owner = org.tributary.node.web.CaseViewer.normalise(row.request().caseOwner());
        String ref = row.request().externalRef();
        // A known case (theirs, or assigned to them) keeps its owner unless a supervisor changes it.
        boolean changesOwner = owner != null
                && (!owner.equals(importer.username())
                        || (knownOwners.containsKey(ref) && !owner.equals(knownOwners.get(ref))));
        if (changesOwner) {
            return new FieldError(
                    row.row(),
                    "caseOwner",
                    null,
                    "only a case supervisor gives a case to someone else; leave it empty or name yourself");
        }
        return null;
    }

    /** The reader thread: parses and checks rows, hands them over in chunks, ends with {@link #END}. */
    private static Void read(CaseFileReader reader, Path file, BlockingQueue<List<SourceRow>> chunks)
            throws IOException, InterruptedException {
        List<SourceRow> chunk = new ArrayList<>(CHUNK);
        List<List<SourceRow>> box = new ArrayList<>(List.of(chunk));
        try {
            reader.read(file, row -> {
                box.get(0).add(row);
                if (box.get(0).size() >= CHUNK) {
                    put(chunks, box.get(0));
                    box.set(0, new ArrayList<>(CHUNK));
                }
            });
            if (!box.get(0).isEmpty()) {
                chunks.put(box.get(0));
            }
        } finally {
            chunks.put(END);
        }
        return null;
    }

    private static void put(BlockingQueue<List<SourceRow>> chunks, List<SourceRow> chunk) {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import cancelled");
        }
    }

    private static List<SourceRow> take(BlockingQueue<List<SourceRow>> chunks) {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import interrupted");
        }
    }

    /** Rethrows what stopped the reader: an unreadable file, or a failure. */
    private static void awaitReader(Future<?> producer) {
        try {
            producer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("import interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ImportFailedException(e.getCause() instanceof Exception ex ? ex : e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String rootClass(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return e.getClass().getName() + " (" + t.getClass().getName() + ")";
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static final class ImportFailedException extends RuntimeException {
        ImportFailedException(Exception cause) {
            super(cause.getClass().getName(), cause, false, false);
        }
    }
}

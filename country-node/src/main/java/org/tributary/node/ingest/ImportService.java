package org.tributary.node.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;

/**
 * Accepts import files: stores the upload, checks that it is what it says it is, and runs it through
 * {@link ImportRunner} on the import executor (one import at a time, so two files never race on one case).
 * Small files are answered in the request; large ones become a job whose progress can be polled.
 */
@Service
class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final ImportRunner runner;
    private final ImportJobRepository jobs;
    private final ImportProperties properties;
    private final ExecutorService executor;
    private final Clock clock;
    private final Map<UUID, ImportJob> running = new ConcurrentHashMap<>();

    ImportService(
            ImportRunner runner,
            ImportJobRepository jobs,
            ImportProperties properties,
            @Qualifier("importExecutor") ExecutorService executor,
            Clock clock) {
        this.runner = runner;
        this.jobs = jobs;
        this.properties = properties;
        this.executor = executor;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedJobs() {
        int n = jobs.failInterrupted(clock.instant());
        if (n > 0) {
            log.warn("{} import job(s) were interrupted by a restart and are marked FAILED (nothing was written)", n);
        }
    }

    /** A submitted import: finished when it was small enough to run in the request, else still running. */
    record Submission(ImportJobView job, boolean finished) {}

    Submission submit(
            InputStream body,
            ImportFormat format,
            ImportMode mode,
            String actor,
            org.tributary.node.web.CaseViewer importer)
            throws IOException {
        Files.createDirectories(properties.workDir());
        Path file = Files.createTempFile(
                properties.workDir(), "import-", "." + format.name().toLowerCase());
        boolean handedOver = false;
        try {
            long size = copyBounded(body, file);
            checkContent(file, size, format);
            var job = new ImportJob(
                    UUID.randomUUID(), format, mode, actor, importer, clock.instant(), properties.maxReportedErrors());
            jobs.insert(job);
            running.put(job.id, job);
            boolean inline = size <= properties.syncThreshold().toBytes();
            Future<?> future;
            try {
                future = executor.submit(() -> {
                    try {
                        runner.run(job, file, !inline);
                    } finally {
                        save(job);
                        running.remove(job.id);
                        deleteQuietly(file);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                running.remove(job.id);
                job.finish(
                        ImportStatus.FAILED,
                        0,
                        0,
                        "Too many imports were waiting; nothing was written.",
                        clock.instant());
                save(job);
                throw e;
            }
            handedOver = true;
            if (inline) {
                await(future);
                return new Submission(job.view(), true);
            }
            return new Submission(job.view(), false);
        } finally {
            if (!handedOver) {
                deleteQuietly(file);
            }
        }
    }

    /** Stores the job's final report; if even that fails, the job is not left looking QUEUED. */
    private void save(ImportJob job) {
        if (!job.status().isFinished()) {
            job.finish(
                    ImportStatus.FAILED, 0, 0, "The import failed on the node; nothing was written.", clock.instant());
        }
        try {
            jobs.save(job.view());
        } catch (RuntimeException e) {
            log.error(
                    "Import {} report could not be stored: {}",
                    job.id,
                    e.getClass().getName());
            jobs.markFailed(job.id, clock.instant());
        }
    }

    Optional<ImportJobView> find(UUID id) {
        ImportJob live = running.get(id);
        return live != null ? Optional.of(live.view()) : jobs.find(id);
    }

    /** The latest jobs as stored (a running job shows its last saved state), newest first; {@code requestedBy}'s only when given. */
    java.util.List<ImportJobView> recent(String requestedBy, int limit) {
        return jobs.recent(requestedBy, limit);
    }

    private long copyBounded(InputStream body, Path file) throws IOException {
        long max = properties.maxFileSize().toBytes();
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                total += n;
                if (total > max) {
                    throw new ProblemException(
                            ProblemType.PAYLOAD_TOO_LARGE,
                            "The file is larger than "
                                    + properties.maxFileSize().toMegabytes() + " MB.");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    /** Refuses empty files and files whose first bytes contradict the declared format. */
    private static void checkContent(Path file, long size, ImportFormat format) throws IOException {
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        int start = 0;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        while (start < n && Character.isWhitespace(head[start])) {
            start++;
        }
        if (size == 0 || start >= n) {
            throw new ProblemException(ProblemType.VALIDATION, "The file is empty.");
        }
        boolean zip = n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        switch (format) {
            case XLSX -> {
                if (!zip) {
                    throw new ProblemException(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "The file is not an Excel .xlsx workbook. Send the HTCDS template saved as .xlsx.");
                }
            }
            case JSON -> {
                if (head[start] != '[' && head[start] != '{') {
                    throw new ProblemException(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "The file is not JSON: a JSON import is an array of cases.");
                }
            }
            case CSV -> {
                boolean binary = zip;
                for (int i = 0; i < n && !binary; i++) {
                    binary = head[i] == 0;
                }
                if (binary) {
                    throw new ProblemException(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            zip
                                    ? "The file is a workbook or archive, not CSV text. Send it with format=xlsx, or save it as CSV."
                                    : "The file is binary, not CSV text.");
                }
            }
        }
    }

    private static void await(Future<?> future) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while importing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("import task failed", e.getCause());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete import upload {}", file.getFileName());
        }
    }
}

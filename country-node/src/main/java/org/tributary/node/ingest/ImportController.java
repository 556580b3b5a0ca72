package org.tributary.node.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tributary.common.problem.ProblemType;
import org.tributary.node.web.CurrentActor;
import org.tributary.support.web.ProblemException;
import org.tributary.support.web.Problems;

/**
 * The import API. Send a file as the request body (Content-Type {@code text/csv}, {@code application/json} or the
 * xlsx type) or as the {@code file} part of a multipart form. {@code mode=partial} writes the good rows of a file
 * with bad ones; the default writes nothing unless every row is good.
 */
@RestController
@org.springframework.validation.annotation.Validated
@RequestMapping("/api/imports")
class ImportController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ImportService imports;
    private final CurrentActor actor;

    ImportController(ImportService imports, CurrentActor actor) {
        this.imports = imports;
        this.actor = actor;
    }

    @PostMapping(
            consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE, XLSX, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<?> importBody(
            HttpServletRequest request,
            @RequestParam(required = false) String mode,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String filename)
            throws IOException {
        return submit(request.getInputStream(), format, filename, request.getContentType(), mode);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> importMultipart(
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String mode,
            @RequestParam(required = false) String format)
            throws IOException {
        try (InputStream in = file.getInputStream()) {
            return submit(in, format, file.getOriginalFilename(), file.getContentType(), mode);
        }
    }

    /**
     * The import template: the HTCDS columns and Tributary's extension columns with the HTCDS labels as dropdowns,
     * assistance and follow-ups on their own sheets (the same for everyone: made once).
     */
    @GetMapping("/template")
    ResponseEntity<byte[]> template() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(XLSX))
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment()
                                .filename("tributary-import-template.xlsx")
                                .build()
                                .toString())
                .body(Template.BYTES.clone());
    }

    private static final class Template {
        static final byte[] BYTES = ImportTemplate.workbook();
    }

    /**
     * The latest import jobs, newest first, without their row errors (open a job for those): everyone's for a node
     * operator or a case supervisor, a case worker's own otherwise.
     */
    @GetMapping
    java.util.List<ImportJobView> recent(
            @RequestParam(defaultValue = "20")
                    @jakarta.validation.constraints.Min(1)
                    @jakarta.validation.constraints.Max(100)
                    int limit) {
        return imports.recent(actor.importer().supervisor() ? null : actor.name(), limit);
    }

    @GetMapping("/{id}")
    ImportJobView job(@PathVariable UUID id) {
        return imports.find(id)
                .orElseThrow(
                        () -> new ProblemException(ProblemType.NOT_FOUND, "No import job with this id on this node."));
    }

    private ResponseEntity<?> submit(
            InputStream body, String formatParam, String filename, String contentType, String modeParam)
            throws IOException {
        ImportFormat format = ImportFormat.detect(formatParam, filename, contentType)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "Send CSV (text/csv), JSON (application/json) or an Excel .xlsx workbook, or name the format "
                                + "with format=csv|json|xlsx."));
        ImportMode mode = ImportMode.of(modeParam)
                .orElseThrow(
                        () -> new ProblemException(ProblemType.VALIDATION, "mode must be all-or-nothing or partial."));
        ImportService.Submission submission;
        try {
            submission = imports.submit(body, format, mode, actor.name(), actor.importer());
        } catch (RejectedExecutionException e) {
            throw new ProblemException(ProblemType.TOO_MANY_REQUESTS, "Too many imports are waiting; try again later.");
        }
        ImportJobView job = submission.job();
        URI location = URI.create("/api/imports/" + job.id());
        if (!submission.finished()) {
            return ResponseEntity.accepted().location(location).body(job);
        }
        if (job.status() == ImportStatus.REJECTED || job.status() == ImportStatus.FAILED) {
            ProblemType type = job.status() == ImportStatus.FAILED
                    ? ProblemType.INTERNAL
                    : job.rowsRejected() > 0 ? ProblemType.IMPORT_REJECTED : ProblemType.FILE_UNREADABLE;
            ProblemDetail problem = Problems.withErrors(Problems.of(type, job.message()), job.errors());
            problem.setProperty("jobId", job.id());
            problem.setProperty("rowsRejected", job.rowsRejected());
            problem.setProperty("errorCount", job.errorCount());
            return ResponseEntity.status(problem.getStatus()).location(location).body(problem);
        }
        return ResponseEntity.ok().location(location).body(job);
    }
}

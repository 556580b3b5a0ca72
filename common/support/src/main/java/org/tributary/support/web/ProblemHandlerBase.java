package org.tributary.support.web;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;

/**
 * Every error as an RFC 9457 problem with a stable type. Validation problems list every invalid field. Nothing
 * internal leaks: unexpected failures get a generic sentence and an incident id that the log also carries.
 */
public abstract class ProblemHandlerBase extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandlerBase.class);

    @ExceptionHandler(ProblemException.class)
    protected ResponseEntity<ProblemDetail> handleProblem(ProblemException e) {
        ProblemDetail problem = Problems.withErrors(Problems.of(e.type(), e.getMessage()), e.errors());
        var response = ResponseEntity.status(problem.getStatus());
        if (e.type() == ProblemType.BUSY) {
            response.header(HttpHeaders.RETRY_AFTER, "2");
        }
        return response.body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> FieldError.of(v.getPropertyPath().toString(), null, v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return handleProblem(new ProblemException(ProblemType.VALIDATION, "Some values are invalid.", errors));
    }

    /** Two writers raced on a unique value (an externalRef, a policy version): the later one is told to retry. */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> handleDuplicate(org.springframework.dao.DuplicateKeyException e) {
        return handleProblem(new ProblemException(
                ProblemType.CONFLICT,
                "Someone else made a conflicting change at the same moment. Read and try again."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handleTypeMismatch(MethodArgumentTypeMismatchException e) {
        var error = FieldError.of(e.getName(), String.valueOf(e.getValue()), "has the wrong type or is no known code");
        return handleProblem(new ProblemException(ProblemType.VALIDATION, "A parameter is invalid.", List.of(error)));
    }

    /**
     * The database cannot be reached (stopped, restarting, or hung past the pool's 3 s connection timeout): a 503 the
     * caller may retry, without the driver's message.
     */
    ResponseEntity<ProblemDetail> handleDatabaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.getClass().getSimpleName());
        ProblemDetail problem = Problems.of(
                ProblemType.DATABASE_UNAVAILABLE, "The database is not available at the moment. Try again shortly.");
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
        if (org.tributary.support.db.DatabaseFailures.isUnavailable(e)) {
            return handleDatabaseUnavailable(e);
        }
        String incident = UUID.randomUUID().toString();
        // The exception class and incident id only: messages of lower layers may quote data.
        log.error(
                "Unexpected failure, incident {}: {} at {}",
                incident,
                e.getClass().getName(),
                where(e));
        ProblemDetail problem =
                Problems.of(ProblemType.INTERNAL, "The request could not be completed. Incident " + incident + ".");
        problem.setProperty("incident", incident);
        return ResponseEntity.status(500).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(f -> errors.add(FieldError.of(
                        f.getField(), safeValue(f.getField(), f.getRejectedValue()), f.getDefaultMessage())));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.add(FieldError.of(g.getObjectName(), null, g.getDefaultMessage())));
        errors.sort(Comparator.comparing(FieldError::field));
        ProblemDetail problem = Problems.withErrors(
                Problems.of(ProblemType.VALIDATION, errors.size() + " field(s) are invalid."), errors);
        return ResponseEntity.status(400).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults()
                .forEach(r -> r.getResolvableErrors()
                        .forEach(e -> errors.add(FieldError.of(
                                r.getMethodParameter().getParameterName(), null, e.getDefaultMessage()))));
        ProblemDetail problem = Problems.withErrors(
                Problems.of(ProblemType.VALIDATION, errors.size() + " parameter(s) are invalid."), errors);
        return ResponseEntity.status(400).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String detail = "The request body is not valid JSON for this endpoint.";
        var field = org.tributary.support.json.JsonFieldProblem.of(ex.getCause());
        if (field.isPresent()) {
            var f = field.get();
            errors.add(
                    FieldError.of(f.field(), f.value() == null ? null : safeValue(f.field(), f.value()), f.reason()));
            detail = "A value in the request body cannot be read.";
        }
        ProblemDetail problem = Problems.withErrors(Problems.of(ProblemType.MALFORMED_REQUEST, detail), errors);
        return ResponseEntity.status(400).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(
                ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + ex.getContentType() + " is not accepted here; use one of "
                        + ex.getSupportedMediaTypes() + ".");
        return ResponseEntity.status(415).headers(headers).body(problem);
    }

    /** Spring's own web errors (404, 405, 406, missing parameter, ...) keep their status and get our type. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            ProblemType type = ProblemType.forStatus(statusCode.value());
            problem.setType(type.type());
            problem.setTitle(type.title());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /**
     * A rejected value as the problem may quote it (bounded by {@link FieldError}); a service whose fields may hold
     * personal data overrides this to quote none of those.
     */
    protected String safeValue(String field, Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** Where it failed, without the exception's message (which may quote a value). */
    private static String where(Throwable e) {
        StringBuilder frames = new StringBuilder();
        Throwable t = e;
        while (t != null && frames.length() < 2000) {
            frames.append(t.getClass().getSimpleName());
            var stack = t.getStackTrace();
            for (int i = 0; i < Math.min(5, stack.length); i++) {
                frames.append(" < ").append(stack[i]);
            }
            t = t.getCause();
            if (t != null) {
                frames.append(" | caused by ");
            }
        }
        return frames.toString();
    }
}

package org.tributary.support.web;

import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;

/** Builds problem details of the shared Tributary types. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        return of(type, type.status(), detail);
    }

    public static ProblemDetail of(ProblemType type, int status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        String traceId = traceId();
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        return problem;
    }

    /**
     * The current request's W3C trace id (Micrometer Tracing puts it in the logging context), for the problem's
     * {@code traceId}: the same id as in every log line of the request, on every service it crossed. Only a hex id
     * of the W3C lengths, so that nothing else can ride along.
     */
    public static String traceId() {
        String id = org.slf4j.MDC.get("traceId");
        return id != null && id.matches("[0-9a-f]{16}|[0-9a-f]{32}") ? id : null;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}

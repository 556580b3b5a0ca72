package org.tributary.node.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemHandlerBase;
import org.tributary.support.web.Problems;

/**
 * Every error of the node's API as RFC 9457 problem details ({@link ProblemHandlerBase}), plus what only the node
 * has: uploads larger than it accepts, and fields holding personal data, whose values are never echoed back.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemHandlerBase {

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(413)
                .body(Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The upload is larger than this node accepts."));
    }

    /** Values of personal fields are never echoed back. */
    @Override
    protected String safeValue(String field, Object value) {
        if (value == null || !Quotable.echoable(field)) {
            return null;
        }
        return String.valueOf(value);
    }
}

package org.tributary.common.problem;

import java.net.URI;

/**
 * The kinds of error every Tributary service answers with, as RFC 9457 problem types. The {@code type} URI is
 * stable: clients may switch on it. Titles are short, fixed and carry no data.
 */
public enum ProblemType {
    VALIDATION("validation", "Invalid request", 400),
    MALFORMED_REQUEST("malformed-request", "Malformed request body", 400),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflicting change", 409),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", 428),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    IMPORT_REJECTED("import-rejected", "Import rejected", 422),
    FILE_UNREADABLE("file-unreadable", "File cannot be read", 400),
    QUERY_REFUSED("query-refused", "Query refused by disclosure policy", 422),
    RELEASE_DISABLED("release-disabled", "Release disabled on this node", 503),
    AD_HOC_NOT_OFFERED("ad-hoc-not-offered", "Ad-hoc queries not offered in this mode", 422),
    BUDGET_EXHAUSTED("budget-exhausted", "Privacy budget exhausted", 429),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Access denied", 403),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "Upstream unavailable", 503),
    DATABASE_UNAVAILABLE("database-unavailable", "Database unavailable", 503),
    BUSY("busy", "Too busy", 503),
    INTERNAL("internal", "Internal error", 500);

    private static final String PREFIX = "urn:tributary:problem:";

    private final URI type;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.type = URI.create(PREFIX + slug);
        this.title = title;
        this.status = status;
    }

    /** The type for a bare HTTP status, for errors raised by the web framework itself. */
    public static ProblemType forStatus(int status) {
        for (ProblemType t : values()) {
            if (t.status == status
                    && t != IMPORT_REJECTED
                    && t != FILE_UNREADABLE
                    && t != MALFORMED_REQUEST
                    && t != DATABASE_UNAVAILABLE) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL : VALIDATION;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The HTTP status this kind of problem is normally answered with. */
    public int status() {
        return status;
    }
}

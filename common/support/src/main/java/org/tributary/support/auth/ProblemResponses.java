package org.tributary.support.auth;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.tributary.common.problem.ProblemType;

/**
 * 401 and 403 as RFC 9457 problem details. The sentences are fixed: nothing of the token or of the reason it failed
 * (which could quote claims) reaches the client.
 */
public final class ProblemResponses {

    public static final String UNAUTHORIZED_DETAIL = "A valid bearer token from the Tributary realm is required.";
    public static final String FORBIDDEN_DETAIL = "Your roles or country do not give access to this resource.";

    private ProblemResponses() {}

    public static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"tributary\"");
            write(response, ProblemType.UNAUTHORIZED, UNAUTHORIZED_DETAIL);
        };
    }

    public static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(response, ProblemType.FORBIDDEN, FORBIDDEN_DETAIL);
    }

    private static void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(type.status());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"" + type.type() + "\",\"title\":\"" + type.title() + "\",\"status\":"
                        + type.status() + ",\"detail\":\"" + detail + "\""
                        + (org.tributary.support.web.Problems.traceId() == null
                                ? ""
                                : ",\"traceId\":\"" + org.tributary.support.web.Problems.traceId() + "\"")
                        + "}");
    }
}

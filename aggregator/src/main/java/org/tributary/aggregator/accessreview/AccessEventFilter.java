package org.tributary.aggregator.accessreview;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every {@code /api/**} request in the {@link AccessEvents}: time, correlation id, the token's subject,
 * method, path without query, status and duration. It runs just outside Spring Security so that refused requests
 * (401, 403) are recorded too; the subject is read from the security context the bearer-token filter leaves on the
 * request.
 */
class AccessEventFilter extends OncePerRequestFilter {

    static final String CORRELATION_HEADER = "X-Correlation-Id";

    private final AccessEvents events;
    private final Clock clock;

    AccessEventFilter(AccessEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = pathOf(request);
        return !(path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant start = clock.instant();
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            int status = failed && response.getStatus() < 400 ? 500 : response.getStatus();
            events.record(AccessEvent.request(
                    start,
                    correlationId(request),
                    subject(request),
                    request.getMethod(),
                    pathOf(request),
                    status,
                    durationMs));
        }
    }

    /** The caller's correlation id, if it is a plain token; anything else is not echoed into the record. */
    static String correlationId(HttpServletRequest request) {
        String value = request.getHeader(CORRELATION_HEADER);
        if (value == null || value.isBlank() || value.length() > 100 || !value.matches("[A-Za-z0-9._:@/+=-]+")) {
            return null;
        }
        return value;
    }

    /** The subject of the authenticated token: from the live context, else from the one saved on the request. */
    static String subject(HttpServletRequest request) {
        String sub = subjectOf(SecurityContextHolder.getContext().getAuthentication());
        if (sub == null
                && request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME)
                        instanceof SecurityContext saved) {
            sub = subjectOf(saved.getAuthentication());
        }
        return sub;
    }

    private static String subjectOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return null;
        }
        if (authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt.getSubject();
        }
        return null;
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}

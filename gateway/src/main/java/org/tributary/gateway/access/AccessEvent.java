package org.tributary.gateway.access;

import java.time.Instant;
import java.util.List;

/**
 * One request through the gateway, as logged and kept for security officers. Holds no personal data: the subject is
 * the token's {@code sub} (a Keycloak UUID), the path has no query string, and no header, body or token is kept.
 *
 * @param route the gateway route's id, or {@code gateway} for the gateway's own endpoints, or {@code -}
 */
public record AccessEvent(
        Instant time,
        String correlationId,
        String route,
        String method,
        String path,
        int status,
        long durationMs,
        String subject,
        List<String> roles) {

    public AccessEvent {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}

package org.tributary.aggregator.accessreview;

import java.time.Instant;

/**
 * Which access events an officer asks for: a time window {@code [from, to)}, a caller's token subject, an officer's
 * action, a status, a path prefix, a source ({@code aggregator}, {@code gateway}); any may be absent.
 */
record AccessEventQuery(
        Instant from,
        Instant to,
        String sub,
        String action,
        Integer status,
        String pathPrefix,
        String source,
        int limit) {

    static AccessEventQuery latest(int limit) {
        return new AccessEventQuery(null, null, null, null, null, null, null, limit);
    }

    /** Whether an event (a gateway's, filtered here since the gateway keeps them in memory) matches. */
    boolean matches(AccessEvent e) {
        return (from == null || (e.time() != null && !e.time().isBefore(from)))
                && (to == null || (e.time() != null && e.time().isBefore(to)))
                && (sub == null || sub.equals(e.sub()))
                && (action == null || action.equals(e.action()))
                && (status == null || status.equals(e.status()))
                && (pathPrefix == null || (e.path() != null && e.path().startsWith(pathPrefix)))
                && (source == null || source.equals(e.source()));
    }
}

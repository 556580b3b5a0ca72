package org.tributary.aggregator.accessreview;

import java.time.Instant;

/**
 * One access to the API, or one action of a security officer. Ids only: no name, e-mail or query value.
 *
 * @param source {@code aggregator} or {@code gateway}
 * @param sub the caller's token subject; null when the request carried no valid token
 * @param path the request path without its query string
 * @param routeId the gateway's route (gateway events only)
 * @param action a security officer's action ({@code disable-user}, {@code logout-user}); null for a plain request
 * @param targetId the user the action was taken on
 */
record AccessEvent(
        String source,
        Instant time,
        String correlationId,
        String sub,
        String method,
        String path,
        Integer status,
        Long durationMs,
        String routeId,
        String action,
        String targetId) {

    static final String AGGREGATOR = "aggregator";
    static final String GATEWAY = "gateway";

    static AccessEvent request(
            Instant time, String correlationId, String sub, String method, String path, int status, long durationMs) {
        return new AccessEvent(
                AGGREGATOR, time, correlationId, sub, method, path, status, durationMs, null, null, null);
    }

    static AccessEvent action(Instant time, String correlationId, String sub, String action, String targetId) {
        return new AccessEvent(AGGREGATOR, time, correlationId, sub, null, null, null, null, null, action, targetId);
    }
}

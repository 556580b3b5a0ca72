package org.tributary.support.auth;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The identity provider as the token checks see it: {@code UP} while the key set is fresh (or a static key is
 * configured), {@code UNKNOWN} before the first fetch, and {@code DEGRADED} (HTTP 200; ordered between
 * {@code OUT_OF_SERVICE} and {@code UP} by {@code management.endpoint.health.status.order}) while only the last
 * known keys are used, {@code DOWN} once tokens cannot be verified at all (no key set, or the last one too old).
 * Register it as {@code identityProvider}; it belongs to no probe group: a node keeps answering
 * national staff while Keycloak is out, so readiness must not follow it.
 */
public final class IdentityProviderHealthIndicator implements HealthIndicator {

    public static final String DEGRADED = "DEGRADED";

    private final TokenChecks.Verifier verifier;

    public IdentityProviderHealthIndicator(TokenChecks.Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Health health() {
        TokenChecks.State state = verifier.state();
        Health.Builder health = switch (state.keys()) {
            case FRESH, STATIC_KEY -> Health.up();
            case NOT_YET_FETCHED -> Health.unknown();
            case STALE -> Health.status(DEGRADED);
            case UNAVAILABLE -> Health.down();
        };
        return health.withDetail("keys", state.keys().name())
                .withDetail("since", state.since().toString())
                .build();
    }
}

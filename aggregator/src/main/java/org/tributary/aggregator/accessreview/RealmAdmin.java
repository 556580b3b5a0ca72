package org.tributary.aggregator.accessreview;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.TimeUnit;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.JacksonProvider;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.spi.ResteasyClientClassicProvider;
import org.springframework.stereotype.Component;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;

/**
 * The realm's admin API, reached as the {@code tributary-security-console} service account (client credentials).
 * The client is built on first use, so the aggregator starts without Keycloak and without the secret.
 */
@Component
class RealmAdmin {

    private final SecurityConsoleProperties properties;
    private volatile Keycloak keycloak;

    RealmAdmin(SecurityConsoleProperties properties) {
        this.properties = properties;
    }

    /** The realm, or a 503 problem when no client secret is configured. */
    RealmResource realm() {
        if (!properties.adminConfigured()) {
            throw new ProblemException(
                    ProblemType.UPSTREAM_UNAVAILABLE,
                    "Access review is not configured: the security console's client secret is not set.");
        }
        return keycloak().realm(properties.realm());
    }

    private Keycloak keycloak() {
        Keycloak current = keycloak;
        if (current == null) {
            synchronized (this) {
                current = keycloak;
                if (current == null) {
                    current = keycloak = build();
                }
            }
        }
        return current;
    }

    private Keycloak build() {
        long timeoutMs = properties.callTimeout().toMillis();
        // As the admin client builds its own, with timeouts: Keycloak's lenient Jackson provider ignores the
        // fields a newer server adds to its representations.
        var http = ResteasyClientClassicProvider.createClientBuilder()
                .register(JacksonProvider.class, 100)
                .connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .build();
        return KeycloakBuilder.builder()
                .serverUrl(properties.keycloakUrl())
                .realm(properties.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret().strip())
                .resteasyClient(http)
                .build();
    }

    @PreDestroy
    void close() {
        Keycloak current = keycloak;
        if (current != null) {
            current.close();
        }
    }
}

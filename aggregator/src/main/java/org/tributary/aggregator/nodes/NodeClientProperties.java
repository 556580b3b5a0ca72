package org.tributary.aggregator.nodes;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The aggregator's own Keycloak client for calling nodes ({@code tributary.aggregator.client.*}): client credentials
 * at {@code tokenUri}. Without a token URI the static {@code tributary.aggregator.node-token} is used.
 *
 * @param tokenUri the realm's token endpoint, e.g. {@code http://127.0.0.1:8180/realms/tributary/protocol/openid-connect/token}
 * @param clientId the confidential client, {@code tributary-aggregator}
 * @param clientSecret its secret, from the environment ({@code TRIBUTARY_AGGREGATOR_CLIENT_SECRET})
 * @param refreshBefore a token is renewed this long before it expires
 * @param timeout how long a token request may take
 */
@ConfigurationProperties("tributary.aggregator.client")
public record NodeClientProperties(
        URI tokenUri, String clientId, String clientSecret, Duration refreshBefore, Duration timeout) {

    public NodeClientProperties {
        if (clientId == null || clientId.isBlank()) {
            clientId = "tributary-aggregator";
        }
        if (refreshBefore == null) {
            refreshBefore = Duration.ofSeconds(30);
        }
        if (timeout == null) {
            timeout = Duration.ofSeconds(5);
        }
    }

    boolean configured() {
        return tokenUri != null && !tokenUri.toString().isBlank();
    }
}

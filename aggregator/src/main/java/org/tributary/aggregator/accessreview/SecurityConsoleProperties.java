package org.tributary.aggregator.accessreview;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The security officer's console: how the aggregator reaches Keycloak's admin API and the gateway.
 *
 * @param keycloakUrl Keycloak's base URL (without {@code /realms/...})
 * @param realm the realm reviewed
 * @param clientId the confidential client whose service account reads and manages users
 * @param clientSecret its secret; empty leaves the users and clients endpoints answering 503
 * @param gatewayUrl the gateway's base URL for its access events; empty reports the gateway as unavailable
 * @param eventsBuffer how many of the aggregator's own access events are kept in memory
 * @param callTimeout the most one call to Keycloak, the gateway or a node may take
 * @param eventsRetention how long the stored access events are kept (then deleted)
 */
@Validated
@ConfigurationProperties("tributary.security-console")
public record SecurityConsoleProperties(
        @DefaultValue("http://127.0.0.1:8180") @NotBlank @Pattern(regexp = "https?://\\S+")
        String keycloakUrl,

        @DefaultValue("tributary") @NotBlank String realm,

        @DefaultValue("tributary-security-console") @NotBlank
        String clientId,

        String clientSecret,
        String gatewayUrl,
        @DefaultValue("1000") @Min(1) @Max(1_000_000) int eventsBuffer,
        @DefaultValue("3s") @NotNull Duration callTimeout,
        @DefaultValue("365d") @NotNull Duration eventsRetention) {

    /** Whether a secret is set, so that the admin API can be used. */
    boolean adminConfigured() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    /** Whether a gateway is set to read access events from. */
    boolean gatewayConfigured() {
        return gatewayUrl != null && !gatewayUrl.isBlank();
    }
}

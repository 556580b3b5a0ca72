package org.tributary.gateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** The gateway's own settings (the routes themselves are Spring Cloud Gateway's, in {@code application.yml}). */
@Validated
@ConfigurationProperties("tributary.gateway")
public record GatewayProperties(
        @Valid @NotNull Oidc oidc,
        @Valid @DefaultValue Cors cors,
        @Valid @DefaultValue RateLimit rateLimit,
        @Valid @DefaultValue BodyLimits bodyLimits,
        @Valid @DefaultValue AccessEvents accessEvents,
        @Valid @DefaultValue Portal portal) {

    /**
     * How access tokens are checked.
     *
     * @param issuer the realm's issuer; tokens must carry exactly this {@code iss}
     * @param jwksUri the realm's signing keys; blank derives {@code {issuer}/protocol/openid-connect/certs}
     * @param audience {@code aud} must contain this
     * @param clockSkew tolerance for {@code exp} and {@code nbf}
     */
    public record Oidc(
            @NotBlank String issuer,
            String jwksUri,
            @DefaultValue("tributary-gateway") @NotBlank String audience,
            @DefaultValue("30s") @NotNull Duration clockSkew) {

        public URI effectiveJwksUri() {
            if (StringUtils.hasText(jwksUri)) {
                return URI.create(jwksUri.trim());
            }
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            return URI.create(base + "/protocol/openid-connect/certs");
        }
    }

    /** @param allowedOrigins browser origins allowed to call the gateway; empty allows none */
    public record Cors(List<String> allowedOrigins) {
        public Cors {
            allowedOrigins = allowedOrigins == null
                    ? List.of()
                    : allowedOrigins.stream()
                            .filter(StringUtils::hasText)
                            .map(String::trim)
                            .toList();
        }
    }

    /**
     * Per-user token bucket.
     *
     * @param replenishRate tokens added per second
     * @param burstCapacity the bucket's size: requests allowed at once
     * @param keyPrefix prefixed to the user's {@code sub} in the limiter's keys (Redis keys)
     */
    public record RateLimit(
            @DefaultValue("20") @Min(1) int replenishRate,
            @DefaultValue("40") @Min(1) int burstCapacity,
            @DefaultValue("tributary-gateway") @NotBlank String keyPrefix,
            @Valid @DefaultValue Anonymous anonymous,
            @DefaultValue("200ms") Duration redisTimeout,
            @DefaultValue("10s") Duration redisOpenFor) {}

    /**
     * The limit before authentication, per client address: requests that end without an authenticated caller (no
     * token, a bad token: every 401, and anonymous requests such as health) take from the address's bucket; while it
     * is empty every request from that address gets a 429 before its token is parsed. Requests with a valid token
     * take nothing, so users behind the same address are only held up while someone there keeps failing.
     *
     * @param replenishRate tokens added per second
     * @param burstCapacity the bucket's size
     * @param trustedProxies reverse proxies whose {@code X-Forwarded-For} is believed (IPs or CIDR ranges); the
     *     client is the right-most address in it that is not a trusted proxy. Empty: the peer address, always.
     */
    public record Anonymous(
            @DefaultValue("5") @Min(1) int replenishRate,
            @DefaultValue("30") @Min(1) int burstCapacity,
            List<String> trustedProxies) {
        public Anonymous {
            trustedProxies = trustedProxies == null
                    ? List.of()
                    : trustedProxies.stream()
                            .filter(StringUtils::hasText)
                            .map(String::trim)
                            .toList();
        }
    }

    /**
     * Request body limits.
     *
     * @param defaultMax every request body but imports
     * @param importMax bodies sent to {@code /api/nodes/{country}/api/imports/**}
     */
    public record BodyLimits(
            @DefaultValue("1MB") @NotNull DataSize defaultMax,
            @DefaultValue("50MB") @NotNull DataSize importMax) {}

    /** @param capacity how many of the latest access events are kept in memory */
    public record AccessEvents(
            @DefaultValue("1000") @Min(1) @Max(100_000) int capacity) {}

    /**
     * The web application (ADR 39): the gateway signs people in as an OAuth2 client of Keycloak (authorization code
     * with PKCE) and keeps their tokens in its session; the browser holds only the session cookie.
     *
     * @param clientId the realm's confidential client for the web application
     * @param clientSecret its secret (from the environment, {@code TRIBUTARY_PORTAL_CLIENT_SECRET}); blank turns the
     *     web application off (the APIs work as before)
     * @param secureCookie the session and CSRF cookies carry {@code Secure} (off only for plain-HTTP local use)
     * @param sessionTimeout a session unused this long ends (Keycloak's own SSO idle time is 30 minutes)
     * @param maxSessions sessions this instance holds in memory when Redis does not hold them
     */
    public record Portal(
            @DefaultValue("tributary-portal") @NotBlank String clientId,
            String clientSecret,
            @DefaultValue("true") boolean secureCookie,
            @DefaultValue("30m") @NotNull Duration sessionTimeout,
            @DefaultValue("10000") @Min(1) int maxSessions) {

        public boolean enabled() {
            return StringUtils.hasText(clientSecret);
        }
    }
}

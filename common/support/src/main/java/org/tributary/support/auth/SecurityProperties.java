package org.tributary.support.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How a service checks bearer tokens ({@code tributary.security.*}): issued by the realm {@code issuer}, signed by a
 * key of the realm's JWKS (or, where no Keycloak can be reached, the configured {@code publicKey}), for the service's
 * {@code audience} ({@code tributary-node-api}, {@code tributary-regional-api}), and within their validity give or
 * take {@code clockSkew}.
 */
@ConfigurationProperties("tributary.security")
public record SecurityProperties(
        URI issuer, URI jwkSetUri, Resource publicKey, String audience, Duration clockSkew, Duration keysStaleFor) {

    public SecurityProperties {
        if (issuer == null) {
            throw new IllegalArgumentException("tributary.security.issuer is required (the Keycloak realm's URL)");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("tributary.security.audience is required (the service's API)");
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
        if (keysStaleFor == null) {
            keysStaleFor = Duration.ofHours(12);
        }
    }

    /** The token checks these settings ask for. */
    public TokenChecks.Settings settings() {
        return new TokenChecks.Settings(issuer, jwkSetUriOrDefault(), publicKey, audience, clockSkew, keysStaleFor);
    }

    /** The realm's key set: the configured one, else Keycloak's certificate endpoint under the issuer. */
    public URI jwkSetUriOrDefault() {
        return jwkSetUri != null ? jwkSetUri : URI.create(issuer + "/protocol/openid-connect/certs");
    }
}

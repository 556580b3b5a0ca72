package org.tributary.node.auth;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * How the node checks bearer tokens ({@code tributary.security.*}): issued by the realm {@code issuer}, signed by a
 * key of the realm's JWKS (or, where no Keycloak can be reached, the configured {@code publicKey}), for the
 * {@code audience} of the nodes, and within their validity give or take {@code clockSkew}.
 */
@ConfigurationProperties("tributary.security")
public record SecurityProperties(
        URI issuer, URI jwkSetUri, Resource publicKey, String audience, Duration clockSkew, Duration keysStaleFor) {

    public SecurityProperties {
        if (issuer == null) {
            throw new IllegalArgumentException("tributary.security.issuer is required (the Keycloak realm's URL)");
        }
        if (audience == null || audience.isBlank()) {
            audience = "tributary-node-api";
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
        if (keysStaleFor == null) {
            keysStaleFor = Duration.ofHours(12);
        }
    }

    /** The realm's key set: the configured one, else Keycloak's certificate endpoint under the issuer. */
    public URI jwkSetUriOrDefault() {
        return jwkSetUri != null ? jwkSetUri : URI.create(issuer + "/protocol/openid-connect/certs");
    }
}

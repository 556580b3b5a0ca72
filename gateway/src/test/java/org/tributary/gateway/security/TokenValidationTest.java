package org.tributary.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.tributary.gateway.config.GatewayProperties;

/** The production validators on their own (the web tests run them through the production decoder too). */
class TokenValidationTest {

    private static final GatewayProperties.Oidc OIDC = new GatewayProperties.Oidc(
            "http://127.0.0.1:8180/realms/tributary", "", "tributary-gateway", Duration.ofSeconds(30));
    private static final OAuth2TokenValidator<Jwt> VALIDATOR = TokenValidation.validator(OIDC);

    private static Jwt.Builder jwt() {
        Instant now = Instant.now();
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer(OIDC.issuer())
                .subject("8a1c6f1e-0000-4000-8000-000000000001")
                .audience(List.of("tributary-gateway"))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(60));
    }

    private static boolean valid(Jwt jwt) {
        return !VALIDATOR.validate(jwt).hasErrors();
    }

    @Test
    void theJwksUriIsDerivedFromTheIssuerUnlessGiven() {
        assertThat(OIDC.effectiveJwksUri())
                .hasToString("http://127.0.0.1:8180/realms/tributary/protocol/openid-connect/certs");
        assertThat(new GatewayProperties.Oidc("http://x/realms/t/", " http://k/certs ", "a", Duration.ZERO)
                        .effectiveJwksUri())
                .hasToString("http://k/certs");
    }

    @Test
    void aWellFormedTokenPasses() {
        assertThat(valid(jwt().build())).isTrue();
    }

    @Test
    void expiryHasThirtySecondsOfSkew() {
        Instant now = Instant.now();
        assertThat(valid(jwt().issuedAt(now.minusSeconds(120))
                        .expiresAt(now.minusSeconds(20))
                        .build()))
                .isTrue();
        assertThat(valid(jwt().issuedAt(now.minusSeconds(120))
                        .expiresAt(now.minusSeconds(40))
                        .build()))
                .isFalse();
        assertThat(valid(jwt().notBefore(now.plusSeconds(20)).build())).isTrue();
        assertThat(valid(jwt().notBefore(now.plusSeconds(40)).build())).isFalse();
    }

    @Test
    void issuerAudienceAndSubjectAreRequired() {
        assertThat(valid(jwt().issuer("http://127.0.0.1:8180/realms/other").build()))
                .isFalse();
        assertThat(valid(jwt().audience(List.of("account")).build())).isFalse();
        assertThat(valid(jwt().claims(c -> c.remove("sub")).build())).isFalse();
        assertThat(valid(jwt().claims(c -> c.remove("exp")).build())).isFalse();
    }

    @Test
    void realmRolesBecomeAuthorities() {
        Jwt jwt = jwt().claim("realm_access", Map.of("roles", List.of("case-worker", "offline_access")))
                .build();
        assertThat(Roles.authorities(jwt))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_case-worker", "ROLE_offline_access");
        assertThat(Roles.of(jwt().build())).isEmpty();
    }
}

package org.tributary.gateway.security;

import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.tributary.gateway.config.GatewayProperties;

/**
 * How the gateway checks an access token, locally from the realm's JWKS: RS256 signature only (so {@code alg:
 * none} and HMAC tricks fail), the configured issuer, {@code exp} required and {@code exp}/{@code nbf} with the
 * configured clock skew, the audience {@code tributary-gateway}, and a {@code sub}.
 */
final class TokenValidation {

    private TokenValidation() {}

    public static ReactiveJwtDecoder decoder(GatewayProperties.Oidc oidc) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(
                        oidc.effectiveJwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator(oidc));
        return decoder;
    }

    public static OAuth2TokenValidator<Jwt> validator(GatewayProperties.Oidc oidc) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(oidc.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        timestamps.setAllowEmptyNotBeforeClaim(true);
        return new DelegatingOAuth2TokenValidator<>(
                timestamps,
                new JwtIssuerValidator(oidc.issuer()),
                new JwtAudienceValidator(oidc.audience()),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> Objects.nonNull(sub) && !sub.isBlank()));
    }
}

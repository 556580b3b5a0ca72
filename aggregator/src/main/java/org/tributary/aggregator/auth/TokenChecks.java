package org.tributary.aggregator.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The token checks: signature (RS256 only), issuer, audience, expiry and not-before with a small clock skew. */
final class TokenChecks {

    private static final Logger log = LoggerFactory.getLogger(TokenChecks.class);

    private TokenChecks() {}

    static JwtDecoder decoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder;
        if (properties.publicKey() != null) {
            log.info("Bearer tokens are checked against the configured public key, issuer {}", properties.issuer());
            decoder = NimbusJwtDecoder.withPublicKey(readPublicKey(properties)).build();
        } else {
            log.info("Bearer tokens are checked against the JWKS {}", properties.jwkSetUriOrDefault());
            decoder = NimbusJwtDecoder.withJwkSetUri(
                            properties.jwkSetUriOrDefault().toString())
                    .build();
        }
        decoder.setJwtValidator(validator(properties));
        return token -> {
            try {
                return decoder.decode(token);
            } catch (BadJwtException e) {
                throw e;
            } catch (JwtException e) {
                // The key set could not be read (Keycloak unreachable): the token cannot be verified, so it is
                // refused like any unverifiable token (401), never a 500.
                log.warn("A bearer token could not be verified: the key set is unavailable");
                throw new BadJwtException("The token could not be verified", e);
            }
        };
    }

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties) {
        OAuth2TokenValidator<Jwt> audience =
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience()));
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer().toString()),
                audience,
                TokenChecks::hasExpiry);
    }

    private static OAuth2TokenValidatorResult hasExpiry(Jwt jwt) {
        return jwt.getExpiresAt() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has no expiry", null));
    }

    private static RSAPublicKey readPublicKey(SecurityProperties properties) {
        try (var in = properties.publicKey().getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("tributary.security.public-key cannot be read", e);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("tributary.security.public-key is not an RSA public key (PEM)", e);
        }
    }
}

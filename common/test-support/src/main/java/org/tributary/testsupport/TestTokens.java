package org.tributary.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens shaped like Keycloak's for realm {@code tributary}, signed with the test key pair of this module
 * ({@code test-jwt-private.pem}; its public half {@code test-jwt-public.pem} is what the services' test
 * configurations trust). The node's and the aggregator's tests mint theirs here; the end-to-end tests use real
 * Keycloak tokens.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:8180/realms/tributary";

    private static final PrivateKey KEY = readKey();

    private TestTokens() {}

    /** A token for these audiences, of this country (null: no country claim), with these realm roles. */
    public static Builder builder(List<String> audience, String country, List<String> roles) {
        return new Builder(audience, country, roles);
    }

    /** The test public key as a file, for services started as processes (a copy: the resource may be in a jar). */
    public static synchronized Path publicKeyFile() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/test-jwt-public.pem")) {
            Path file = Files.createTempFile("test-jwt-public", ".pem");
            Files.write(file, in.readAllBytes());
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets a test change one thing about an otherwise valid token. */
    public static final class Builder {
        private final JWTClaimsSet.Builder claims;
        private PrivateKey key = KEY;

        private Builder(List<String> audience, String country, List<String> roles) {
            Instant now = Instant.now();
            claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(audience)
                    .subject(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                    .claim("azp", "tributary-web")
                    .claim("realm_access", Map.of("roles", roles))
                    // As the realm's username mapper writes it.
                    .claim(
                            "preferred_username",
                            "test-user-" + UUID.randomUUID().toString().substring(0, 8));
            if (country != null) {
                claims.claim("country", country);
            }
        }

        public Builder subject(String subject) {
            claims.subject(subject);
            return this;
        }

        /** The Keycloak username ({@code preferred_username}), as need-to-know on the node reads it. */
        public Builder username(String username) {
            claims.claim("preferred_username", username);
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String... audience) {
            claims.audience(List.of(audience));
            return this;
        }

        public Builder claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        /** Expiring at this instant (in the past: an expired token), issued five minutes before. */
        public Builder expiredAt(Instant instant) {
            claims.issueTime(Date.from(instant.minus(Duration.ofMinutes(5)))).expirationTime(Date.from(instant));
            return this;
        }

        public Builder signedWith(PrivateKey other) {
            this.key = other;
            return this;
        }

        public String sign() {
            try {
                var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims with {@code alg: none} and no signature. */
        public String unsigned() {
            String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
            return header + "." + base64(claims.build().toString()) + ".";
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey readKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/test-jwt-private.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

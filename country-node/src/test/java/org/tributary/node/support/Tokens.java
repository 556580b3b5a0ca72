package org.tributary.node.support;

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
 * Tokens shaped like Keycloak's for realm {@code tributary}, signed with the test key whose public half the test
 * profile configures. The end-to-end tests use real Keycloak tokens; these keep the node's own tests fast.
 */
public final class Tokens {

    public static final String ISSUER = "http://127.0.0.1:8180/realms/tributary";
    public static final String AUDIENCE = "tributary-node-api";
    /** The subject of {@link #allNodeRoles()}: what the audit trail records as the requester. */
    public static final String STAFF_SUBJECT = "0f1e2d3c-0000-4000-8000-00000000a001";

    private static final PrivateKey KEY = readKey();

    private Tokens() {}

    /** A token for a person with these roles, of this country (null: no country claim). */
    public static String user(String country, String... roles) {
        return builder(country, roles).sign();
    }

    /** National staff of the test node (KH) with every national role, and the aggregator's role: for API tests. */
    public static String allNodeRoles() {
        return builder("KH", "case-worker", "node-operator", "federation-aggregator")
                .subject(STAFF_SUBJECT)
                .sign();
    }

    /** A regional analyst with this subject, as Keycloak issues them to the web client (audience includes the node). */
    public static String analyst(String subject) {
        return builder(null, "regional-analyst").subject(subject).sign();
    }

    /** The aggregator's service account (client credentials of {@code tributary-aggregator}). */
    public static String aggregator() {
        return builder(null, "federation-aggregator")
                .subject("service-account-tributary-aggregator")
                .claim("azp", "tributary-aggregator")
                .sign();
    }

    public static Builder builder(String country, String... roles) {
        return new Builder(country, List.of(roles));
    }

    /** Lets a test change one thing about an otherwise valid token. */
    public static final class Builder {
        private final JWTClaimsSet.Builder claims;
        private PrivateKey key = KEY;

        private Builder(String country, List<String> roles) {
            Instant now = Instant.now();
            claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(List.of(AUDIENCE, "account"))
                    .subject(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                    .claim("azp", "tributary-web")
                    .claim("realm_access", Map.of("roles", roles));
            if (country != null) {
                claims.claim("country", country);
            }
        }

        public Builder subject(String subject) {
            claims.subject(subject);
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
        try (InputStream in = Tokens.class.getResourceAsStream("/test-jwt-private.pem")) {
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

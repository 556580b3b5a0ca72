package org.tributary.gateway.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Mints access tokens shaped like the Keycloak realm {@code tributary}'s, signed with a test RSA key whose JWKS is
 * served by a tiny JDK HTTP server (one per JVM). A second key, not in the JWKS, signs forged tokens.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:8180/realms/tributary";
    public static final String AUDIENCE = "tributary-gateway";

    private static final RSAKey KEY = generate("test-key");
    private static final RSAKey FORGER = generate("test-key");
    private static final HttpServer JWKS = serveJwks();

    private TestTokens() {}

    public static String jwksUri() {
        return "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/realms/tributary/protocol/openid-connect/certs";
    }

    /** A valid token for a new user with these roles (and, if not null, this country claim). */
    public static String token(String country, String... roles) {
        return tokenFor(UUID.randomUUID().toString(), country, roles);
    }

    public static String tokenFor(String subject, String country, String... roles) {
        return sign(KEY, claims(subject, country, roles).build());
    }

    public static String token(Consumer<JWTClaimsSet.Builder> customize) {
        JWTClaimsSet.Builder claims = claims(UUID.randomUUID().toString(), "KH", "case-worker");
        customize.accept(claims);
        return sign(KEY, claims.build());
    }

    public static String forged(String country, String... roles) {
        return sign(FORGER, claims(UUID.randomUUID().toString(), country, roles).build());
    }

    public static String unsigned(String country, String... roles) {
        return new PlainJWT(claims(UUID.randomUUID().toString(), country, roles).build()).serialize();
    }

    public static JWTClaimsSet.Builder claims(String subject, String country, String... roles) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(List.of(AUDIENCE, "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("realm_access", Map.of("roles", List.of(roles)))
                // Personal data Keycloak puts in tokens: must never reach the logs.
                .claim("name", "Sokha Chan")
                .claim("email", "sokha.chan@example.org")
                .claim("preferred_username", "schan");
        if (country != null) {
            claims.claim("country", country);
        }
        return claims;
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer serveJwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

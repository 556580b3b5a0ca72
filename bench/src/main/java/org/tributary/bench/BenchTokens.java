package org.tributary.bench;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tokens for benchmarks that run services without Keycloak: writes a fresh RSA public key to {@code dir/public.pem}
 * (the services are started with {@code --tributary.security.public-key=file:dir/public.pem}) and two tokens valid
 * for three hours: {@code dir/analyst.token} (a regional analyst, for the aggregator's API) and
 * {@code dir/aggregator.token} (the aggregator's service account, for the nodes' release API), and
 * {@code dir/caseworker.token} (a case worker of the country given third, default TH, for a node's import API).
 */
public final class BenchTokens {

    private BenchTokens() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String issuer = args.length > 1 ? args[1] : "http://127.0.0.1:8180/realms/tributary";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("public.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(keys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(
                dir.resolve("analyst.token"),
                token(keys, issuer, "regional-analyst", "tributary-regional-api", "tributary-node-api"));
        Files.writeString(
                dir.resolve("aggregator.token"), token(keys, issuer, "federation-aggregator", "tributary-node-api"));
        // A case worker of one country (argument 3, default TH), for the node's case and import APIs.
        String country = args.length > 2 ? args[2] : "TH";
        Files.writeString(
                dir.resolve("caseworker.token"),
                token(
                        keys,
                        issuer,
                        "case-worker",
                        Map.of("country", country, "preferred_username", "bench-caseworker"),
                        "tributary-node-api"));
    }

    static String token(KeyPair keys, String issuer, String role, String... audience) throws Exception {
        return token(keys, issuer, role, Map.of(), audience);
    }

    static String token(KeyPair keys, String issuer, String role, Map<String, String> extra, String... audience)
            throws Exception {
        Instant now = Instant.now();
        var builder = new JWTClaimsSet.Builder();
        extra.forEach(builder::claim);
        var claims = builder.issuer(issuer)
                .audience(List.of(audience))
                .claim("azp", role.equals("federation-aggregator") ? "tributary-aggregator" : "tributary-web")
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(3))))
                .claim("realm_access", Map.of("roles", List.of(role)))
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }
}

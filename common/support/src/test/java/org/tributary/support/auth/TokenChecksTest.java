package org.tributary.support.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * The shared token checks against an identity-provider stand-in that can be paused (accepts, never answers):
 * malformed tokens are refused without a key fetch; before any key set is known a paused provider means 401; once
 * one is known, a paused provider does not stop valid tokens, and health says DEGRADED until it answers again.
 */
class TokenChecksTest {

    static final URI ISSUER = URI.create("http://127.0.0.1/realms/test");

    RSAKey key;
    HttpServer server;
    final AtomicBoolean paused = new AtomicBoolean();
    final AtomicInteger fetches = new AtomicInteger();
    TokenChecks.Verifier verifier;

    @BeforeEach
    void provider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            while (paused.get()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        paused.set(false);
        if (verifier != null) {
            verifier.close();
        }
        server.stop(0);
    }

    TokenChecks.Verifier verifier(Duration cachedFor) {
        URI certs = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs");
        return TokenChecks.decoder(new TokenChecks.Settings(
                ISSUER, certs, null, "api", Duration.ofSeconds(30), Duration.ofHours(12), cachedFor));
    }

    String token() throws Exception {
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER.toString())
                .subject("someone")
                .audience(List.of("api"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .issueTime(new Date())
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("k1")
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void tokensThatAreNotThreeBase64urlPartsAreRefusedWithoutFetchingKeys() throws Exception {
        verifier = verifier(Duration.ofMinutes(5));
        String valid = token();
        for (String bad : List.of(
                "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..YQ.Yg.Yw",
                "not-a-token",
                "a.b.",
                valid + "A".repeat(TokenChecks.MAX_LENGTH))) {
            assertThatThrownBy(() -> verifier.decode(bad)).isInstanceOf(BadJwtException.class);
        }
        assertThat(fetches.get()).isZero();
        assertThat(verifier.decode(valid).getSubject()).isEqualTo("someone");
    }

    @Test
    void aPausedProviderBeforeAnyKeySetIsKnownMeans401NotAHang() throws Exception {
        paused.set(true);
        verifier = verifier(Duration.ofMinutes(5));
        String valid = token();
        long started = System.nanoTime();
        assertThatThrownBy(() -> verifier.decode(valid)).isInstanceOf(BadJwtException.class);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("paused identity provider, no key set known: refused (401) after %d ms%n", millis);
        assertThat(new IdentityProviderHealthIndicator(verifier).health().getStatus())
                .isEqualTo(Status.DOWN);
    }

    @Test
    void aPausedProviderDoesNotStopValidTokensOnceAKeySetIsKnown() throws Exception {
        verifier = verifier(Duration.ofSeconds(8));
        var health = new IdentityProviderHealthIndicator(verifier);
        String valid = token();
        assertThat(verifier.decode(valid).getSubject()).isEqualTo("someone");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        paused.set(true);
        long pausedAt = System.nanoTime();
        // Past the cache's lifetime: every refresh since has hung.
        Thread.sleep(9_000);
        long slowest = 0;
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            assertThat(verifier.decode(valid).getSubject()).isEqualTo("someone");
            slowest = Math.max(slowest, System.nanoTime() - started);
        }
        assertThat(health.health().getStatus()).isEqualTo(new Status(IdentityProviderHealthIndicator.DEGRADED));
        assertThat(health.health().getDetails()).containsEntry("keys", "STALE");

        paused.set(false);
        long resumedAt = System.nanoTime();
        long deadline = resumedAt + Duration.ofSeconds(30).toNanos();
        while (health.health().getStatus().equals(new Status(IdentityProviderHealthIndicator.DEGRADED))
                && System.nanoTime() < deadline) {
            verifier.decode(valid);
            Thread.sleep(100);
        }
        System.out.printf(
                "paused identity provider for %.1f s with a key set known: 20 valid tokens accepted (slowest %d ms),"
                        + " health DEGRADED; fresh keys %.1f s after it answered again%n",
                (resumedAt - pausedAt) / 1e9, slowest / 1_000_000, (System.nanoTime() - resumedAt) / 1e9);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}

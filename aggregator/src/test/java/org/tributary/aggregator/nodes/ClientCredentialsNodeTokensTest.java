package org.tributary.aggregator.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsNodeTokensTest {

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }
    }

    HttpServer keycloak;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger status = new AtomicInteger(200);
    final List<String> forms = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile long delayMs = 0;
    final TestClock clock = new TestClock();

    @BeforeEach
    void start() throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keycloak.setExecutor(Executors.newFixedThreadPool(8));
        keycloak.createContext("/realms/tributary/protocol/openid-connect/token", exchange -> {
            int n = requests.incrementAndGet();
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = (status.get() == 200
                            ? "{\"access_token\":\"token-" + n + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}"
                            : "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client secret\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keycloak.start();
    }

    @AfterEach
    void stop() {
        keycloak.stop(0);
    }

    ClientCredentialsNodeTokens tokens() {
        URI uri = URI.create("http://127.0.0.1:" + keycloak.getAddress().getPort()
                + "/realms/tributary/protocol/openid-connect/token");
        return new ClientCredentialsNodeTokens(
                new NodeClientProperties(
                        uri, "tributary-aggregator", "s3cret-demo", Duration.ofSeconds(30), Duration.ofSeconds(2)),
                clock);
    }

    @Test
    void aTokenIsAskedForWithTheClientsCredentialsAndThenReusedUntilShortlyBeforeItExpires() {
        var tokens = tokens();
        assertThat(tokens.authorization()).isEqualTo("Bearer token-1");
        assertThat(forms.get(0))
                .contains(
                        "grant_type=client_credentials", "client_id=tributary-aggregator", "client_secret=s3cret-demo");
        clock.advance(Duration.ofSeconds(260));
        assertThat(tokens.bearerToken()).contains("token-1");
        assertThat(requests.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(15)); // 275 s: inside the last 30 s
        assertThat(tokens.bearerToken()).as("renewed in the background").contains("token-1");
        assertThat(eventually(tokens, "token-2")).isTrue();
        assertThat(requests.get()).isEqualTo(2);
    }

    static boolean eventually(ClientCredentialsNodeTokens tokens, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (tokens.bearerToken().orElseThrow().equals(expected)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void aHungTokenEndpointDoesNotHoldUpCallersWhileTheTokenIsValid() {
        var tokens = tokens();
        assertThat(tokens.bearerToken()).contains("token-1");
        delayMs = 5_000; // longer than the 2 s timeout: Keycloak hangs
        clock.advance(Duration.ofSeconds(280));
        long slowest = 0;
        for (int i = 0; i < 50; i++) {
            long started = System.nanoTime();
            assertThat(tokens.bearerToken()).contains("token-1");
            slowest = Math.max(slowest, System.nanoTime() - started);
        }
        System.out.printf(
                "hung token endpoint (5 s, timeout 2 s) in the renewal window: 50 callers served the valid token,"
                        + " slowest %d ms; one renewal in flight (%d requests)%n",
                slowest / 1_000_000, requests.get());
        assertThat(requests.get()).as("one renewal at a time").isLessThanOrEqualTo(2);
        delayMs = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (tokens.bearerToken().orElseThrow().equals("token-1") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(tokens.bearerToken()).as("renewed once Keycloak answers").isNotEqualTo(Optional.of("token-1"));
    }

    @Test
    void manyConcurrentCallersWithoutATokenCauseOneTokenRequest() throws Exception {
        var tokens = tokens();
        delayMs = 200;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return tokens.bearerToken().orElseThrow();
                }));
            }
            go.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("token-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aFailedRenewalKeepsTheStillValidTokenAndAnExpiredOneIsNotUsed() {
        var tokens = tokens();
        assertThat(tokens.bearerToken()).contains("token-1");
        status.set(401);
        clock.advance(Duration.ofSeconds(280));
        assertThat(tokens.bearerToken())
                .as("renewal failed, old token still valid")
                .contains("token-1");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (requests.get() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(tokens.bearerToken()).contains("token-1");
        clock.advance(Duration.ofSeconds(30)); // expired
        assertThatThrownBy(tokens::bearerToken)
                .isInstanceOf(ClientCredentialsNodeTokens.TokenUnavailableException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("Invalid client secret");
    }

    @Test
    void anUnreachableTokenEndpointIsATokenUnavailableErrorWithoutDetails() {
        var tokens = tokens();
        keycloak.stop(0);
        assertThatThrownBy(tokens::bearerToken)
                .isInstanceOf(ClientCredentialsNodeTokens.TokenUnavailableException.class)
                .hasMessage("The token endpoint cannot be reached");
    }
}

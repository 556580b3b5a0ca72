package org.tributary.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tributary.gateway.support.EchoBackend;
import org.tributary.gateway.support.TestTokens;

/**
 * A hung Redis (accepts connections, never answers): without a breaker every request waited for the Redis timeout
 * and logged an ERROR. With it the first few requests wait at most the limiter's 200 ms, then the breaker opens and
 * requests are decided in memory at once; the per-user limit still holds meanwhile, and no ERROR is logged.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tributary.gateway.rate-limit.replenish-rate=1",
            "tributary.gateway.rate-limit.burst-capacity=3",
            "tributary.gateway.rate-limit.redis-timeout=200ms",
            "tributary.gateway.rate-limit.redis-open-for=60s"
        })
@AutoConfigureWebTestClient(timeout = "PT30S")
class RedisHungTest {

    static final EchoBackend NODE_KH = EchoBackend.start("kh");
    static final HungServer REDIS = new HungServer();

    @Autowired
    WebTestClient web;

    @Autowired
    UserRateLimiter limiter;

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.oidc.jwks-uri", TestTokens::jwksUri);
        registry.add("TRIBUTARY_NODE_KH_URL", NODE_KH::url);
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> Integer.toString(REDIS.port()));
    }

    @BeforeEach
    void capture() {
        logged.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .addAppender(logged);
    }

    @AfterEach
    void release() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .detachAppender(logged);
    }

    long timedRequest(String token, int expected) {
        long started = System.nanoTime();
        web.get()
                .uri("/api/nodes/kh/api/cases")
                .headers(h -> h.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isEqualTo(expected);
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Test
    void theBreakerOpensAfterAFewTimeoutsAndTheLimitHoldsInMemory() {
        assertThat(limiter).isInstanceOf(BreakingRateLimiter.class);
        var breaking = (BreakingRateLimiter) limiter;
        // Warm the token check up first, so that the timings below are the limiter's.
        timedRequest(TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker"), 200);
        List<Long> whileClosed = new ArrayList<>();
        while (breaking.state().equals("CLOSED") && whileClosed.size() < 20) {
            whileClosed.add(timedRequest(TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker"), 200));
        }
        assertThat(breaking.state()).isEqualTo("OPEN");
        List<Long> whileOpen = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            whileOpen.add(timedRequest(TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker"), 200));
        }
        // The per-user limit (burst 3) still holds while Redis is out: the fourth quick request is refused.
        String one = TestTokens.tokenFor(UUID.randomUUID().toString(), "KH", "case-worker");
        for (int i = 0; i < 3; i++) {
            timedRequest(one, 200);
        }
        timedRequest(one, 429);
        System.out.printf(
                "hung Redis: %d requests before the breaker opened, median %d ms (limiter timeout 200 ms); then"
                        + " median %d ms over %d requests; per-user limit held in memory%n",
                whileClosed.size(), median(whileClosed), median(whileOpen), whileOpen.size());
        assertThat(whileClosed).hasSizeBetween(1, 10);
        // No ERROR from the limiter's path (Spring Cloud Gateway's limiter logged one per failure before).
        assertThat(logged.list)
                .filteredOn(e -> e.getLoggerName().startsWith("org.springframework.cloud.gateway")
                        || e.getLoggerName().startsWith("io.lettuce")
                        || e.getLoggerName().startsWith("org.springframework.data.redis")
                        || e.getLoggerName().startsWith("org.tributary"))
                .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(logged.list)
                .anyMatch(e ->
                        e.getLevel() == Level.WARN && e.getFormattedMessage().contains("counting in memory"));
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Accepts connections and never answers on them. */
    static final class HungServer {
        private final ServerSocket socket;
        private final List<Socket> held = Collections.synchronizedList(new ArrayList<>());

        HungServer() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return socket.getLocalPort();
        }
    }
}

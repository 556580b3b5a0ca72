package org.tributary.aggregator.accessreview;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads other Tributary services (nodes, the gateway) on the officer's behalf, relaying the officer's own bearer
 * token: each service decides by itself what a security officer may read. Every call is bounded by the console's
 * call timeout.
 */
@Component
class OfficerRelay {

    private final Duration timeout;
    private final HttpClient http;
    private final ExecutorService pool;
    private final JsonMapper json = JsonMapper.builder().build();

    OfficerRelay(SecurityConsoleProperties properties) {
        this.timeout = properties.callTimeout();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "security-console-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(pool)
                .build();
    }

    /** What a service answered: its status and JSON body, or why there is no answer. */
    record Reply(int status, JsonNode body, String failure) {

        boolean ok() {
            return failure == null && status == 200 && body != null;
        }

        boolean refused() {
            return status == 401 || status == 403;
        }
    }

    /** GETs the URL as the officer; never throws. */
    Reply get(String url, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (bearerToken != null && !bearerToken.isBlank()) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Reply(response.statusCode(), null, "HTTP " + response.statusCode());
            }
            return new Reply(200, json.readTree(response.body()), null);
        } catch (HttpTimeoutException e) {
            return new Reply(0, null, "no answer within " + timeout.toMillis() + " ms");
        } catch (JacksonException e) {
            return new Reply(200, null, "answer is not valid JSON");
        } catch (IOException | IllegalArgumentException e) {
            return new Reply(0, null, "cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, null, "interrupted");
        }
    }

    /** Runs a task on the relay's pool; it completes with {@code late} if the task overruns the timeout. */
    <T> CompletableFuture<T> async(Supplier<T> task, T late) {
        return CompletableFuture.supplyAsync(task, pool)
                .completeOnTimeout(late, timeout.toMillis() + 500, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    Duration timeout() {
        return timeout;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}

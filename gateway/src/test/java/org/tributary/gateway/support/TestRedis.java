package org.tributary.gateway.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A real Redis for a test: one it starts itself (a real {@code redis-server}, from the embedded-redis jar on Maven
 * Central, on a port below the ephemeral range), or the one {@code TRIBUTARY_IT_REDIS_HOST} /
 * {@code TRIBUTARY_IT_REDIS_PORT} name. Never skips: without a Redis the test fails.
 */
public final class TestRedis {

    public final String host;
    public final int port;
    private final redis.embedded.RedisServer embedded;

    private TestRedis(String host, int port, redis.embedded.RedisServer embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
    }

    public static TestRedis start() throws IOException {
        String external = System.getenv("TRIBUTARY_IT_REDIS_HOST");
        TestRedis found;
        if (external != null) {
            found = new TestRedis(
                    external, Integer.parseInt(System.getenv().getOrDefault("TRIBUTARY_IT_REDIS_PORT", "6379")), null);
        } else {
            var random = new java.util.Random();
            IOException last = null;
            found = null;
            for (int attempt = 0; attempt < 5 && found == null; attempt++) {
                int port = 20_000 + random.nextInt(10_000);
                try {
                    var server = redis.embedded.RedisServer.newRedisServer()
                            .bind("127.0.0.1")
                            .port(port)
                            .setting("save \"\"")
                            .setting("appendonly no")
                            .build();
                    server.start();
                    found = new TestRedis("127.0.0.1", port, server);
                } catch (IOException e) {
                    last = e;
                }
            }
            if (found == null) {
                throw last;
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(found.host, found.port), 2000);
        } catch (IOException e) {
            fail("found no Redis server at " + found.host + ":" + found.port);
        }
        return found;
    }

    public void stop() throws IOException {
        if (embedded != null) {
            embedded.stop();
        }
    }
}

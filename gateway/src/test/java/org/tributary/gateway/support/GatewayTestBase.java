package org.tributary.gateway.support;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a random port in front of stand-in backends: the aggregator and the KH and TH nodes echo, LA is
 * down (nothing listens), MM answers after the response timeout. Tokens are checked against {@link TestTokens}'
 * JWKS with the production decoder. The rate limit is set high: its tests have their own context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tributary.gateway.rate-limit.replenish-rate=10000",
            "tributary.gateway.rate-limit.burst-capacity=10000",
            "tributary.gateway.rate-limit.anonymous.replenish-rate=10000",
            "tributary.gateway.rate-limit.anonymous.burst-capacity=10000",
            "tributary.gateway.body-limits.default-max=1KB",
            "tributary.gateway.body-limits.import-max=8KB",
            "tributary.gateway.cors.allowed-origins=https://app.tributary.example",
            "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1500ms"
        })
@AutoConfigureWebTestClient(
        timeout = "PT30S") // not 5 s: the first token check of a context once took just over 5 s on a busy CI machine
public abstract class GatewayTestBase {

    protected static final EchoBackend AGGREGATOR = EchoBackend.start("aggregator");
    protected static final EchoBackend NODE_KH = EchoBackend.start("kh");
    protected static final EchoBackend NODE_TH = EchoBackend.start("th");
    protected static final EchoBackend NODE_MM = EchoBackend.slow("mm", Duration.ofSeconds(4));
    protected static final String NODE_LA = EchoBackend.nothingListening();

    @Autowired
    protected WebTestClient web;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.oidc.jwks-uri", TestTokens::jwksUri);
        registry.add("TRIBUTARY_AGGREGATOR_URL", AGGREGATOR::url);
        registry.add("TRIBUTARY_NODE_KH_URL", NODE_KH::url);
        registry.add("TRIBUTARY_NODE_TH_URL", NODE_TH::url);
        registry.add("TRIBUTARY_NODE_LA_URL", () -> NODE_LA);
        registry.add("TRIBUTARY_NODE_MM_URL", NODE_MM::url);
    }

    protected WebTestClient.RequestHeadersSpec<?> get(String path, String token) {
        return web.get().uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
        });
    }
}

package org.tributary.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tributary.gateway.support.GatewayTestBase;
import org.tributary.gateway.support.TestTokens;
import reactor.core.publisher.Flux;

/** Limits in this context: 1 KB for ordinary bodies, 8 KB for imports. */
class BodyLimitsTest extends GatewayTestBase {

    private final String token = TestTokens.token("KH", "case-worker");

    private WebTestClient.ResponseSpec post(String path, byte[] body) {
        return web.post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec postChunked(String path, int chunks, int chunkSize) {
        Flux<DataBuffer> body = Flux.range(0, chunks)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                        "x".repeat(chunkSize).getBytes(StandardCharsets.US_ASCII)));
        return web.post()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(body, DataBuffer.class)
                .exchange();
    }

    private static void tooLarge(WebTestClient.ResponseSpec response) {
        response.expectStatus()
                .isEqualTo(413)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("urn:tributary:problem:payload-too-large");
    }

    @Test
    void anOrdinaryBodyUpToTheLimitPasses() {
        String body = post("/api/nodes/kh/api/cases", new byte[1024])
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("bytes=1024");
    }

    @Test
    void anOrdinaryBodyOverTheLimitIsRefused() {
        tooLarge(post("/api/nodes/kh/api/cases", new byte[1025]));
    }

    @Test
    void anImportMayBeLargerThanAnOrdinaryBody() {
        String body = post("/api/nodes/kh/api/imports", new byte[8 * 1024])
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("bytes=8192").contains("path=/api/imports\n");
    }

    @Test
    void anImportOverItsLimitIsRefused() {
        tooLarge(post("/api/nodes/KH/api/imports/htcds", new byte[8 * 1024 + 1]));
    }

    @Test
    void aChunkedBodyWithinTheLimitPasses() {
        String body = postChunked("/api/nodes/kh/api/cases", 4, 256)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("bytes=1024");
    }

    @Test
    void aChunkedBodyWithoutLengthIsCountedAndRefusedPastTheLimit() {
        tooLarge(postChunked("/api/nodes/kh/api/cases", 64, 256));
    }
}

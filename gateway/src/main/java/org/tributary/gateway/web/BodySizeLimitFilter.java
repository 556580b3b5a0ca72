package org.tributary.gateway.web;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tributary.common.problem.ProblemType;
import org.tributary.gateway.config.GatewayProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Request body limits: imports ({@code /api/nodes/{country}/api/imports/**}) up to {@code import-max}, everything
 * else up to {@code default-max}. A declared {@code Content-Length} over the limit is refused with 413 before any
 * byte goes downstream. A body without a length (chunked) is counted while it streams to the backend; when it goes
 * past the limit the stream to the backend is aborted and, if the backend has not answered yet, the client gets 413.
 * Runs after authentication (order {@value #ORDER}), so anonymous callers get 401 first.
 */
@Component
class BodySizeLimitFilter implements WebFilter, org.springframework.core.Ordered {

    static final int ORDER = -40;

    private final long defaultMax;
    private final long importMax;

    public BodySizeLimitFilter(GatewayProperties properties) {
        this.defaultMax = properties.bodyLimits().defaultMax().toBytes();
        this.importMax = properties.bodyLimits().importMax().toBytes();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long limit = GatewayPaths.of(exchange).isNodeImport() ? importMax : defaultMax;
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            // The unread body stays on the connection: close it rather than let it be reused.
            exchange.getResponse().getHeaders().setConnection("close");
            return ProblemResponses.write(
                    exchange, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than allowed here.");
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        throw new BodyTooLargeException();
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}

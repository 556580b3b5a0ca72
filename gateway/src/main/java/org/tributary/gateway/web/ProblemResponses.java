package org.tributary.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.tributary.common.problem.ProblemType;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details of the shared Tributary types straight to a reactive response. The detail is a
 * fixed sentence chosen by the caller: never a token, a header value or an exception's message.
 */
public final class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    public static Mono<Void> write(ServerWebExchange exchange, ProblemType type, String detail) {
        return write(exchange, type, type.status(), detail, Map.of());
    }

    public static Mono<Void> write(
            ServerWebExchange exchange, ProblemType type, int status, String detail, Map<String, Object> extra) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().setContentType(PROBLEM_JSON);
        response.getHeaders().remove("Content-Length");
        byte[] body = JSON.writeValueAsBytes(body(exchange, type, status, detail, extra));
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    static Map<String, Object> body(
            ServerWebExchange exchange, ProblemType type, int status, String detail, Map<String, Object> extra) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.type().toString());
        problem.put("title", type.title());
        problem.put("status", status);
        problem.put("detail", detail);
        String correlationId = CorrelationIdFilter.correlationId(exchange);
        if (correlationId != null) {
            problem.put("correlationId", correlationId);
        }
        String traceId = traceId(exchange);
        if (traceId != null) {
            problem.put("traceId", traceId);
        }
        problem.putAll(extra);
        return problem;
    }

    /**
     * The W3C trace id of the request (its server observation's span): the id every service logs for it, which the
     * gateway sends on in {@code traceparent}. Null outside an observed request.
     */
    public static String traceId(ServerWebExchange exchange) {
        return org.springframework.http.server.reactive.observation.ServerRequestObservationContext.findCurrent(
                        exchange.getAttributes())
                .map(c -> {
                    io.micrometer.tracing.handler.TracingObservationHandler.TracingContext tracing =
                            c.get(io.micrometer.tracing.handler.TracingObservationHandler.TracingContext.class);
                    return tracing == null ? null : tracing.getSpan();
                })
                .map(span -> span.context().traceId())
                .filter(id -> id.matches("[0-9a-f]{16}|[0-9a-f]{32}"))
                .orElse(null);
    }
}

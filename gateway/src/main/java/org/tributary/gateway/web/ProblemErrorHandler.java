package org.tributary.gateway.web;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import org.tributary.common.problem.ProblemType;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself raises as a problem detail: unknown paths (404), bodies over the limit (413), an
 * unreachable backend (502), a slow one (504). Nothing internal leaks: the log gets the exception class and an
 * incident id, the client a fixed sentence. Runs before Spring Boot's own error handler.
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        if (find(ex, BodyTooLargeException.class) != null) {
            // The rest of the body is still coming: close the connection rather than let it be reused.
            exchange.getResponse().getHeaders().setConnection("close");
            return ProblemResponses.write(
                    exchange, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than allowed here.");
        }
        ResponseStatusException status = find(ex, ResponseStatusException.class);
        if (status != null) {
            return byStatus(exchange, status, ex);
        }
        if (find(ex, TimeoutException.class) != null) {
            return upstream(exchange, 504, ex);
        }
        if (find(ex, IOException.class) != null) {
            return upstream(exchange, 502, ex);
        }
        return internal(exchange, ex);
    }

    private Mono<Void> byStatus(ServerWebExchange exchange, ResponseStatusException e, Throwable ex) {
        int code = e.getStatusCode().value();
        if (code == 502 || code == 503 || code == 504) {
            return upstream(exchange, code, ex);
        }
        if (code >= 500) {
            return internal(exchange, ex);
        }
        ProblemType type = ProblemType.forStatus(code);
        String detail = switch (code) {
            case 404 -> "There is nothing at this path.";
            case 405 -> "This method is not allowed at this path.";
            case 413 -> "The request body is larger than allowed here.";
            default ->
                e instanceof ServerWebInputException
                        ? "A parameter of the request is invalid."
                        : "The request cannot be served.";
        };
        return ProblemResponses.write(exchange, type, code, detail, Map.of());
    }

    private Mono<Void> upstream(ServerWebExchange exchange, int code, Throwable ex) {
        log.warn(
                "Backend failed for request {}: {} ({})",
                CorrelationIdFilter.correlationId(exchange),
                code,
                rootClass(ex));
        String detail = code == 504
                ? "The service behind this path did not answer in time. Try again later."
                : "The service behind this path cannot be reached. Try again later.";
        return ProblemResponses.write(exchange, ProblemType.UPSTREAM_UNAVAILABLE, code, detail, Map.of());
    }

    private Mono<Void> internal(ServerWebExchange exchange, Throwable ex) {
        String incident = UUID.randomUUID().toString();
        // The exception class only: messages of lower layers may quote data.
        log.error(
                "Unexpected failure, incident {}, request {}: {}",
                incident,
                CorrelationIdFilter.correlationId(exchange),
                rootClass(ex));
        return ProblemResponses.write(
                exchange,
                ProblemType.INTERNAL,
                500,
                "The request could not be completed. Incident " + incident + ".",
                Map.of("incident", incident));
    }

    static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        Throwable t = ex;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootClass(Throwable ex) {
        StringBuilder chain = new StringBuilder(ex.getClass().getName());
        Throwable t = ex.getCause();
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause()) {
            chain.append(" < ").append(t.getClass().getName());
        }
        return chain.toString();
    }
}

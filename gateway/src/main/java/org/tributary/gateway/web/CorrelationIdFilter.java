package org.tributary.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id: a well-formed incoming {@code X-Correlation-Id} (at most 64 characters of
 * {@code [A-Za-z0-9-]}) is kept, anything else is replaced by a new UUID. The id travels downstream in the same header,
 * comes back in the response, sits in the exchange's attributes and in the Reactor context (key
 * {@value #CONTEXT_KEY}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter implements WebFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String CONTEXT_KEY = "correlationId";
    static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9-]{1,64}");

    public static String correlationId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    static boolean wellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = wellFormed(incoming) ? incoming : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        ServerHttpRequest request =
                exchange.getRequest().mutate().headers(h -> h.set(HEADER, id)).build();
        exchange.getResponse().getHeaders().set(HEADER, id);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(request).build()).contextWrite(ctx -> ctx.put(CONTEXT_KEY, id));
    }
}

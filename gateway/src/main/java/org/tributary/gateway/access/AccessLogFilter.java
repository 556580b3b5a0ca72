package org.tributary.gateway.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tributary.gateway.security.RequestIdentity;
import org.tributary.gateway.web.CorrelationIdFilter;
import org.tributary.gateway.web.ProblemErrorHandler;
import reactor.core.publisher.Mono;

/**
 * One access log line (logger {@code tributary.access}) and one {@link AccessEvent} per request: time, correlation
 * id, route id, method, path without query string, status, duration, the token's {@code sub} and roles. Never
 * names, e-mail addresses, query strings, bodies or tokens. Errors raised further in are answered here (by the
 * {@link ProblemErrorHandler}) so that the line carries the status the client really got.
 */
@Component
class AccessLogFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("tributary.access");

    private final AccessEvents events;
    private final ProblemErrorHandler errors;
    private final Clock clock;

    public AccessLogFilter(AccessEvents events, ProblemErrorHandler errors) {
        this.events = events;
        this.errors = errors;
        this.clock = Clock.systemUTC();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // right after the correlation id
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        return chain.filter(exchange)
                .onErrorResume(e -> errors.handle(exchange, e))
                .doFinally(signal -> record(exchange, start, (System.nanoTime() - startNanos) / 1_000_000));
    }

    private void record(ServerWebExchange exchange, Instant start, long durationMs) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        RequestIdentity identity = RequestIdentity.of(exchange);
        AccessEvent event = new AccessEvent(
                start,
                CorrelationIdFilter.correlationId(exchange),
                routeId(exchange),
                exchange.getRequest().getMethod().name(),
                exchange.getRequest().getPath().value(),
                status == null ? 200 : status.value(),
                durationMs,
                identity == null ? null : identity.subject(),
                identity == null ? List.of() : identity.roles());
        events.add(event);
        if (log.isInfoEnabled()) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(CorrelationIdFilter.CONTEXT_KEY, event.correlationId())) {
                log.info(
                        "access time={} cid={} route={} method={} path={} status={} ms={} sub={} roles={}",
                        event.time(),
                        event.correlationId(),
                        event.route(),
                        event.method(),
                        event.path(),
                        event.status(),
                        event.durationMs(),
                        event.subject() == null ? "-" : event.subject(),
                        String.join(",", event.roles()));
            }
        }
    }

    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null) {
            return route.getId();
        }
        return exchange.getRequest().getPath().value().startsWith("/gateway/") ? "gateway" : "-";
    }
}

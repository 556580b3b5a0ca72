package org.tributary.gateway.web;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tributary.common.problem.ProblemType;
import reactor.core.publisher.Mono;

/**
 * Refuses, before anything else reads the request, paths and headers in a form that could be read one way here and
 * another way behind the gateway:
 *
 * <ul>
 *   <li>a path must be normalised plain ASCII: no percent-encoding, matrix parameters ({@code ;}), backslashes, empty
 *       or dot segments, and every segment letters, digits, {@code -}, {@code _} and inner dots only (so no trailing
 *       dot, space, tab, full-width {@code ｆ} or dotless {@code ı} look-alikes of {@code federation});
 *   <li>{@code Connection} may only name hop-by-hop things ({@code close}, {@code keep-alive}, and the
 *       {@code Upgrade}, {@code HTTP2-Settings} and {@code TE} headers that clients such as Java's HTTP client send):
 *       any other token names a header to strip on the way ({@code Connection: close, Authorization} would drop the
 *       token before the node).
 * </ul>
 *
 * Both are a 400 problem. No Tributary API needs anything else.
 */
@Component
class RequestShapeFilter implements WebFilter, Ordered {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Set<String> CONNECTION_TOKENS =
            Set.of("close", "keep-alive", "upgrade", "http2-settings", "te");
    private static final int MAX_PATH = 2048;

    @Override
    public int getOrder() {
        return -200; // before the federation refusal (-150) and Spring Security (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (!normalised(raw)) {
            return ProblemResponses.write(
                    exchange,
                    ProblemType.VALIDATION,
                    400,
                    "The request path is not in a form this gateway forwards: plain segments of letters, digits, '-',"
                            + " '_' and inner dots only.",
                    Map.of());
        }
        for (String value : exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                if (!CONNECTION_TOKENS.contains(token.trim().toLowerCase(Locale.ROOT))) {
                    return ProblemResponses.write(
                            exchange,
                            ProblemType.VALIDATION,
                            400,
                            "The Connection header may only name close, keep-alive, Upgrade, HTTP2-Settings or TE.",
                            Map.of());
                }
            }
        }
        return chain.filter(exchange);
    }

    static boolean normalised(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return true;
        }
        if (rawPath.length() > MAX_PATH || rawPath.charAt(0) != '/') {
            return false;
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() && i == segments.length - 1 && i > 0) {
                continue; // one trailing slash
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}

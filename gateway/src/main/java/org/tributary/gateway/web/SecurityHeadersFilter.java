package org.tributary.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every response, set just before it is committed so that they win over whatever a backend
 * sent. The gateway serves APIs only, hence the strict CSP and {@code no-store}. HSTS only over HTTPS (as seen by
 * the gateway, after forwarded-header processing).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class SecurityHeadersFilter implements WebFilter {

    static final String CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * Swagger UI's pages: its own scripts, styles and images from the gateway, calls to the gateway and to the
     * identity provider (signing in); inline styles (the UI sets them); no frames, no other origin. Its OAuth2 redirect
     * page runs one inline script, allowed on that page only.
     */
    static String swaggerCsp(String identityProvider, boolean redirectPage) {
        return "default-src 'none'; script-src 'self'" + (redirectPage ? " 'unsafe-inline'" : "")
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self' "
                + identityProvider + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    private final String identityProvider;

    public SecurityHeadersFilter(org.tributary.gateway.config.GatewayProperties properties) {
        java.net.URI issuer = java.net.URI.create(properties.oidc().issuer());
        this.identityProvider = issuer.getScheme() + "://" + issuer.getAuthority();
    }

    /** Swagger UI's paths (the UI, its assets, its configuration), which get {@link #swaggerCsp}. */
    static boolean isSwaggerUi(String path) {
        return path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/") || path.startsWith("/webjars/");
    }

    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        boolean https = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme());
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            String path = exchange.getRequest().getPath().value();
            headers.set(
                    "Content-Security-Policy",
                    isSwaggerUi(path) ? swaggerCsp(identityProvider, path.endsWith("/oauth2-redirect.html")) : CSP);
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            headers.remove(HttpHeaders.PRAGMA);
            headers.remove(HttpHeaders.EXPIRES);
            if (https) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}

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
 * sent. APIs get the strict CSP and {@code no-store}; Swagger UI and the web application their own CSP. HSTS only over HTTPS (as seen by
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

    /**
     * The web application's pages (ADR 39): its own script and styles only (inline styles allowed: the charts set
     * them), images from itself and from data/blob URLs (chart exports), calls to the gateway only; forms post to the
     * gateway, whose sign-out redirects to the identity provider.
     */
    static String portalCsp(String identityProvider) {
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
                + " font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self' "
                + identityProvider;
    }

    /** The web application's paths, which get {@link #portalCsp}. */
    static boolean isPortal(String path) {
        return path.equals("/app") || path.startsWith("/app/") || path.startsWith("/assets/");
    }

    /**
     * The web application's navigations (sign-in redirects, the shell, its script) end their connection: a browser
     * re-using a keep-alive connection right after such a response was seen to wait a minute for its next request
     * (Reactor Netty 1.3.6 stops reading a keep-alive connection whose queued request completes at once — upstream
     * reactor-netty #4361/#4347). A new connection per navigation costs a handshake; the pages' API calls keep theirs.
     */
    static boolean closesConnection(String path) {
        return path.equals("/")
                || path.equals("/app")
                || path.startsWith("/app/")
                || path.startsWith("/assets/")
                || path.startsWith("/oauth2/")
                || path.startsWith("/login/")
                || path.equals("/logout");
    }

    /** Versioned assets ({@code ?v=} the build's hash) may be kept; everything else is {@code no-store}. */
    static final String ASSET_CACHE = "public, max-age=31536000, immutable";

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
                    isSwaggerUi(path)
                            ? swaggerCsp(identityProvider, path.endsWith("/oauth2-redirect.html"))
                            : isPortal(path) ? portalCsp(identityProvider) : CSP);
            boolean versionedAsset = path.startsWith("/assets/")
                    && exchange.getRequest().getQueryParams().containsKey("v")
                    && exchange.getResponse().getStatusCode() != null
                    && exchange.getResponse().getStatusCode().is2xxSuccessful()
                    // never a shared, year-long copy of a response that sets a cookie
                    && !headers.containsHeader(HttpHeaders.SET_COOKIE);
            headers.set(HttpHeaders.CACHE_CONTROL, versionedAsset ? ASSET_CACHE : "no-store");
            headers.remove(HttpHeaders.PRAGMA);
            headers.remove(HttpHeaders.EXPIRES);
            if (https) {
                headers.set("Strict-Transport-Security", HSTS);
            }
            if (closesConnection(path)) {
                headers.set(HttpHeaders.CONNECTION, "close");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}

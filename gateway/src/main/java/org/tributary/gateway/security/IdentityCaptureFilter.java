package org.tributary.gateway.security;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Sits in the security chain right after authentication (before authorization), and notes the caller's {@code sub}
 * and roles on the exchange, so that the access log has them for refused requests too.
 */
final class IdentityCaptureFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                // A bearer token (APIs) or a signed-in person's session (the web application's pages, ADR 39).
                .filter(a -> a instanceof JwtAuthenticationToken
                        || a
                                instanceof
                                org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken)
                .doOnNext(token -> RequestIdentity.attach(
                        exchange, RequestIdentity.of(token.getName(), Roles.names(token.getAuthorities()))))
                .then(chain.filter(exchange));
    }
}

package org.tributary.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Token relay for the web application (ADR 39): an API request that carries the session cookie and no
 * {@code Authorization} header gets the signed-in person's access token (refreshed when it is about to expire) as a
 * bearer token, before the API chain checks it. From there on it is an API request like any other: the same token
 * checks, role rules, rate limit and access log, and the services see the person's own token. A request without a
 * session, or whose session has no tokens left (signed out, refresh refused), goes on without one and gets the 401
 * problem. Not a bean: it sits in the API filter chain only.
 */
final class SessionTokenRelayFilter implements WebFilter {

    private final ReactiveOAuth2AuthorizedClientManager clients;

    SessionTokenRelayFilter(ReactiveOAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || !request.getCookies().containsKey(PortalSecurityConfiguration.SESSION_COOKIE)) {
            return chain.filter(exchange);
        }
        return exchange.getSession()
                .flatMap(session -> Mono.justOrEmpty(session.<SecurityContext>getAttribute(
                        WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME)))
                .flatMap(context -> context.getAuthentication() instanceof OAuth2AuthenticationToken person
                        ? Mono.just(person)
                        : Mono.empty())
                .flatMap(person -> clients.authorize(
                        OAuth2AuthorizeRequest.withClientRegistrationId(PortalSecurityConfiguration.REGISTRATION)
                                .principal(person)
                                .attribute(ServerWebExchange.class.getName(), exchange)
                                .build()))
                // A refresh Keycloak refuses (session ended, user disabled): no token, so the 401 problem.
                .onErrorResume(OAuth2AuthorizationException.class, refused -> Mono.empty())
                .map(client -> exchange.mutate()
                        .request(r -> r.headers(
                                h -> h.setBearerAuth(client.getAccessToken().getTokenValue())))
                        .build())
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter);
    }
}

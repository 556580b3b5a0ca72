package org.tributary.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;
import org.tributary.common.problem.ProblemType;
import org.tributary.gateway.web.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * Token relay for the web application (ADR 39): an API request that carries the session cookie and no
 * {@code Authorization} header gets the signed-in person's access token (refreshed when it is about to expire) as a
 * bearer token, before the API chain checks it. From there on it is an API request like any other: the same token
 * checks, role rules, rate limit and access log, and the services see the person's own token. A request without a
 * session, or whose session has no tokens left (signed out, refresh refused), goes on without one and gets the 401
 * problem. A state-changing request on the session that the browser says comes from another site is refused. Not a
 * bean: it sits in the API filter chain only.
 */
final class SessionTokenRelayFilter implements WebFilter {

    private final ReactiveOAuth2AuthorizedClientManager clients;
    private final ProblemSecurityHandlers problems;

    /**
     * One token lookup (so at most one refresh) per session at a time: Keycloak takes each refresh token once
     * ({@code revokeRefreshToken}), so two calls refreshing together would sign the person out.
     */
    private final Map<String, Mono<OAuth2AuthorizedClient>> inFlight = new ConcurrentHashMap<>();

    SessionTokenRelayFilter(ReactiveOAuth2AuthorizedClientManager clients, ProblemSecurityHandlers problems) {
        this.clients = clients;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                || PortalCookies.sessionCookie(exchange) == null) {
            return chain.filter(exchange);
        }
        String site = request.getHeaders().getFirst("Sec-Fetch-Site");
        if (site != null
                && !site.equals("same-origin")
                && !site.equals("none")
                && !SecurityConfiguration.isSafe(request.getMethod().name())) {
            return problems.handle(exchange, new AccessDeniedException("a cross-site request on the session"));
        }
        return exchange.getSession()
                .flatMap(session -> token(session, exchange))
                .map(client -> exchange.mutate()
                        .request(r -> r.headers(
                                h -> h.setBearerAuth(client.getAccessToken().getTokenValue())))
                        .build())
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter)
                .onErrorResume(
                        SessionTokenRelayFilter::identityProviderAway,
                        away -> ProblemResponses.write(
                                exchange,
                                ProblemType.UPSTREAM_UNAVAILABLE,
                                503,
                                "Your session's token could not be renewed: the identity provider does not answer. Try again"
                                        + " shortly.",
                                Map.of()));
    }

    private Mono<OAuth2AuthorizedClient> token(WebSession session, ServerWebExchange exchange) {
        SecurityContext context = session.getAttribute(
                WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
        if (context == null || !(context.getAuthentication() instanceof OAuth2AuthenticationToken person)) {
            return Mono.empty();
        }
        return inFlight.computeIfAbsent(
                        session.getId(),
                        id -> clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(
                                                PortalSecurityConfiguration.REGISTRATION)
                                        .principal(person)
                                        .attribute(ServerWebExchange.class.getName(), exchange)
                                        .build())
                                .doFinally(signal -> inFlight.remove(id))
                                .cache())
                // A refresh Keycloak refuses (its session ended, the user disabled): no token, so the 401 problem.
                .onErrorResume(OAuth2AuthorizationException.class, refused -> Mono.empty());
    }

    /** Keycloak unreachable while a token had to be renewed (not a refusal: that is a 401). */
    static boolean identityProviderAway(Throwable e) {
        return !(e instanceof OAuth2AuthorizationException)
                && (e instanceof org.springframework.web.reactive.function.client.WebClientRequestException
                        || e instanceof java.io.IOException
                        || e.getCause() instanceof java.io.IOException);
    }
}

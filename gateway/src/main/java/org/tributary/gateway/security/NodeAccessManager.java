package org.tributary.gateway.security;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.tributary.gateway.web.GatewayPaths;
import reactor.core.publisher.Mono;

/** Applies {@link NodeAccessRule} to an authenticated request. */
final class NodeAccessManager implements ReactiveAuthorizationManager<AuthorizationContext> {

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        GatewayPaths path = GatewayPaths.of(context.getExchange());
        return authentication
                .filter(Authentication::isAuthenticated)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(JwtAuthenticationToken.class::cast)
                .map(token -> (AuthorizationResult) new AuthorizationDecision(NodeAccessRule.allows(
                        path,
                        Roles.names(token.getAuthorities()),
                        token.getToken().getClaimAsString(Roles.COUNTRY_CLAIM))))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }
}

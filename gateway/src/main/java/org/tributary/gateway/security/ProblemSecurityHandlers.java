package org.tributary.gateway.security;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.tributary.common.problem.ProblemType;
import org.tributary.gateway.web.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem details with fixed sentences. The {@code WWW-Authenticate} challenge names the scheme and,
 * for a token that was sent but refused, {@code error="invalid_token"}: never the reason, which may quote the token.
 */
final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean tokenSent = ex instanceof InvalidBearerTokenException
                || exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        exchange.getResponse()
                .getHeaders()
                .set(
                        HttpHeaders.WWW_AUTHENTICATE,
                        tokenSent
                                ? "Bearer realm=\"tributary\", error=\"invalid_token\""
                                : "Bearer realm=\"tributary\"");
        String detail = tokenSent
                ? "The access token is missing, invalid or expired. Sign in again."
                : "This path needs a bearer access token.";
        return ProblemResponses.write(exchange, ProblemType.UNAUTHORIZED, 401, detail, Map.of());
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return ProblemResponses.write(
                exchange, ProblemType.FORBIDDEN, 403, "Your roles do not allow this request.", Map.of());
    }
}

package org.tributary.gateway.security;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import org.tributary.common.problem.ProblemType;
import org.tributary.gateway.web.ProblemResponses;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem details with fixed sentences. The {@code WWW-Authenticate} challenge names the scheme and,
 * for a token that was sent but refused, {@code error="invalid_token"}: never the reason, which may quote the token.
 */
final class ProblemSecurityHandlers
        implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerAuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    /**
     * A token that could not be checked because the identity provider's keys cannot be fetched is a 503 (try again),
     * not a 401 (the token may be fine) and not a 500; every other failure is the usual 401.
     */
    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange filterExchange, AuthenticationException exception) {
        ServerWebExchange exchange = filterExchange.getExchange();
        if (exception instanceof AuthenticationServiceException) {
            log.warn("Token not checked: the identity provider's signing keys cannot be fetched");
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return ProblemResponses.write(
                    exchange,
                    ProblemType.UPSTREAM_UNAVAILABLE,
                    503,
                    "The identity provider cannot be reached to check the token. Try again shortly.",
                    Map.of());
        }
        return commence(exchange, exception);
    }

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

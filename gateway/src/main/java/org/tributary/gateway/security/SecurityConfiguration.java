package org.tributary.gateway.security;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.tributary.gateway.config.GatewayProperties;
import reactor.core.publisher.Mono;

/**
 * The per-route role rules. They live here rather than as route predicates so that a request that matches no rule
 * is refused, every refusal is the same 401/403 problem, and the rules can be read (and tested) in one place.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http,
            ReactiveJwtDecoder jwtDecoder,
            GatewayProperties properties,
            ObjectProvider<ReactiveOAuth2AuthorizedClientManager> portalClients) {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        JwtAuthenticationConverter jwtConverter = new JwtAuthenticationConverter();
        jwtConverter.setJwtGrantedAuthoritiesConverter(Roles::authorities);
        ReactiveOAuth2AuthorizedClientManager portal = portalClients.getIfAvailable();
        if (portal != null) {
            // The web application's calls: the session's token is relayed (after the CSRF check, before the token
            // is checked); a state-changing request that came with the session cookie and no bearer token must
            // echo the CSRF token (ADR 39). Bearer-token clients are not asked for one.
            http.csrf(csrf -> csrf.csrfTokenRepository(PortalSecurityConfiguration.csrfTokens(
                                    properties.portal().secureCookie()))
                            .csrfTokenRequestHandler(new HeaderOnlyCsrfTokens())
                            .requireCsrfProtectionMatcher(SecurityConfiguration::sessionStateChange)
                            .accessDeniedHandler(problems))
                    .addFilterAfter(new SessionTokenRelayFilter(portal, problems), SecurityWebFiltersOrder.CSRF);
        } else {
            http.csrf(ServerHttpSecurity.CsrfSpec::disable);
        }
        return http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // Written by SecurityHeadersFilter, over whatever a backend sends.
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .cors(cors -> cors.configurationSource(corsSource(properties.cors())))
                .authorizeExchange(rules -> rules.pathMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // API documents and Swagger UI: descriptions only, no data (each service serves its document
                        // only where TRIBUTARY_API_DOCS_ENABLED; ADR 37).
                        .pathMatchers(
                                HttpMethod.GET,
                                "/swagger-ui.html",
                                "/swagger-ui/**",
                                "/webjars/**",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/api/docs/aggregator",
                                "/api/docs/nodes/*")
                        .permitAll()
                        .pathMatchers("/actuator/prometheus")
                        .hasRole(Roles.METRICS_READER)
                        .pathMatchers("/api/regional/**")
                        .hasRole(Roles.REGIONAL_ANALYST)
                        .pathMatchers("/api/security/**")
                        .hasRole(Roles.SECURITY_OFFICER)
                        .pathMatchers("/api/nodes/**")
                        .access(new NodeAccessManager())
                        .pathMatchers(HttpMethod.GET, "/gateway/v1/access-events")
                        .hasRole(Roles.SECURITY_OFFICER)
                        // Anything else: authenticated callers get the router's 404.
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder)
                                .jwtAuthenticationConverter(
                                        new ReactiveJwtAuthenticationConverterAdapter(jwtConverter)))
                        .authenticationEntryPoint(problems)
                        .authenticationFailureHandler(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new IdentityCaptureFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
                .build();
    }

    /** A state-changing request that relies on the session cookie (no bearer token of its own). */
    static Mono<ServerWebExchangeMatcher.MatchResult> sessionStateChange(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        boolean safe = isSafe(request.getMethod().name());
        boolean session = !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                && PortalCookies.sessionCookie(exchange) != null;
        return !safe && session
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
    }

    static boolean isSafe(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
            default -> false;
        };
    }

    /**
     * The API chain takes the CSRF token from the {@code X-XSRF-TOKEN} header only, never from a form field: the
     * pages send it as a header, and a form another site submits can set no header.
     */
    static final class HeaderOnlyCsrfTokens extends ServerCsrfTokenRequestAttributeHandler {
        @Override
        public Mono<String> resolveCsrfTokenValue(
                ServerWebExchange exchange, org.springframework.security.web.server.csrf.CsrfToken csrfToken) {
            return Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(csrfToken.getHeaderName()));
        }
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties) {
        return new GuardedJwtDecoder(TokenValidation.decoder(properties.oidc()));
    }

    static CorsConfigurationSource corsSource(GatewayProperties.Cors cors) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!cors.allowedOrigins().isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(cors.allowedOrigins());
            config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
            config.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "X-Correlation-Id"));
            config.setExposedHeaders(List.of("X-Correlation-Id", "Retry-After", "ETag", "Location"));
            config.setAllowCredentials(false);
            config.setMaxAge(600L);
            source.registerCorsConfiguration("/**", config);
        }
        return source;
    }
}

package org.tributary.aggregator.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.tributary.common.security.Role;
import org.tributary.support.auth.ProblemResponses;
import org.tributary.support.auth.ResourceServerConfiguration;

/**
 * The aggregator checks every token itself, whatever the gateway decided (defence in depth): regional analysts read
 * the regional API, security officers the security API; health probes are open.
 */
@Configuration
@org.springframework.context.annotation.Import(ResourceServerConfiguration.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, org.springframework.core.env.Environment environment) throws Exception {
        var converter = ResourceServerConfiguration.roles();
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only, no cookies
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        // Served where TRIBUTARY_API_DOCS_ENABLED; to anyone where TRIBUTARY_API_DOCS_PUBLIC (the local
                        // federation), else with a regional analyst's or security officer's token (ADR 37).
                        .access(
                                environment.getProperty("tributary.api-docs.public", Boolean.class, false)
                                        ? (auth, context) ->
                                                new org.springframework.security.authorization.AuthorizationDecision(
                                                        true)
                                        : org.springframework.security.authorization.AuthorityAuthorizationManager
                                                .hasAnyRole(
                                                        Role.REGIONAL_ANALYST.realmRole(),
                                                        Role.SECURITY_OFFICER.realmRole()))
                        .requestMatchers("/actuator/prometheus")
                        .hasRole(Role.METRICS_READER.realmRole())
                        .requestMatchers("/api/regional/**")
                        .hasRole(Role.REGIONAL_ANALYST.realmRole())
                        .requestMatchers("/api/security/**")
                        .hasRole(Role.SECURITY_OFFICER.realmRole())
                        // Anything else: a valid token gets the usual answer (404 for unknown paths), none gets 401.
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .exceptionHandling(e -> e.authenticationEntryPoint(ProblemResponses.unauthorized())
                        .accessDeniedHandler(ProblemResponses.forbidden()));
        return http.build();
    }
}

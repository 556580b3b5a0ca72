package org.tributary.node.auth;

import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;
import static org.springframework.security.authorization.AuthorizationManagers.anyOf;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.tributary.common.security.Role;
import org.tributary.node.config.NodeProperties;
import org.tributary.support.auth.ProblemResponses;
import org.tributary.support.auth.ResourceServerConfiguration;

/**
 * The node is a resource server in its own right (defence in depth): it checks every token itself, whatever the
 * gateway decided, and grants by realm role and, for national staff, by the token's {@code country}.
 *
 * <ul>
 *   <li>{@code /api/cases}: a case worker or case supervisor of this node's country (which cases: {@code
 *       CaseService}); assigning a case ({@code PUT /api/cases/{id}/assignment}): a case supervisor;
 *   <li>{@code /api/imports}: a case worker, case supervisor or node operator of this node's country;
 *   <li>{@code /api/policy}, {@code /api/budget}, {@code /api/release-periods}, {@code /api/catalogue-release}: a
 *       node operator of this country;
 *   <li>{@code /api/audit}: a node operator of this country, or a security officer;
 *   <li>{@code /federation/**}: the aggregator's service account ({@code federation-aggregator}) only;
 *   <li>health probes and the API description: open.
 * </ul>
 */
@Configuration
@org.springframework.context.annotation.Import(ResourceServerConfiguration.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, NodeProperties node, Environment environment) throws Exception {
        String country = node.country();
        var converter = ResourceServerConfiguration.roles();
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only, no cookies
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .access(
                                environment.matchesProfiles("local")
                                        ? (auth, context) -> new AuthorizationDecision(true)
                                        : new CountryAccess(country, Role.NODE_OPERATOR))
                        .requestMatchers("/actuator/prometheus")
                        .hasRole(Role.METRICS_READER.realmRole())
                        .requestMatchers("/federation/**")
                        .hasRole(Role.FEDERATION_AGGREGATOR.realmRole())
                        .requestMatchers(
                                "/api/policy",
                                "/api/policy/**",
                                "/api/budget",
                                "/api/budget/**",
                                "/api/release-periods",
                                "/api/release-periods/**",
                                "/api/catalogue-release")
                        .access(new CountryAccess(country, Role.NODE_OPERATOR))
                        .requestMatchers("/api/audit", "/api/audit/**")
                        .access(anyOf(
                                new CountryAccess(country, Role.NODE_OPERATOR),
                                hasRole(Role.SECURITY_OFFICER.realmRole())))
                        .requestMatchers(org.springframework.http.HttpMethod.PUT, "/api/cases/*/assignment")
                        .access(new CountryAccess(country, Role.CASE_SUPERVISOR))
                        .requestMatchers("/api/cases", "/api/cases/**")
                        .access(new CountryAccess(country, Role.CASE_WORKER, Role.CASE_SUPERVISOR))
                        .requestMatchers("/api/imports", "/api/imports/**")
                        .access(new CountryAccess(country, Role.CASE_WORKER, Role.CASE_SUPERVISOR, Role.NODE_OPERATOR))
                        .requestMatchers("/error")
                        .permitAll()
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

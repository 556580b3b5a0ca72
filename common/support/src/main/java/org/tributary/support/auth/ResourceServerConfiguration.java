package org.tributary.support.auth;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * What the node and the aggregator share as resource servers: the token checks of {@code tributary.security.*} and
 * the identity provider's health. Each service imports it and keeps only its own access rules.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerConfiguration {

    /** Closed with the context: it stops the key set's background refresh. */
    @Bean(destroyMethod = "close")
    TokenChecks.Verifier jwtDecoder(SecurityProperties properties) {
        return TokenChecks.decoder(properties.settings());
    }

    @Bean
    IdentityProviderHealthIndicator identityProviderHealthIndicator(TokenChecks.Verifier jwtDecoder) {
        return new IdentityProviderHealthIndicator(jwtDecoder);
    }

    /** Realm roles as authorities {@code ROLE_<role>} ({@link KeycloakRoles}). */
    public static JwtAuthenticationConverter roles() {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(KeycloakRoles::authorities);
        return converter;
    }
}

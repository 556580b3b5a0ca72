package org.tributary.node.auth;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.tributary.common.security.Role;

/**
 * National staff of this node's country: one of the given roles and a token claim {@code country} equal to the
 * node's. A Cambodian case worker's token opens the Cambodian node and no other.
 */
final class CountryAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final String country;
    private final Set<String> authorities;

    CountryAccess(String country, Role... roles) {
        this.country = country;
        this.authorities = Arrays.stream(roles).map(Role::authority).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication auth = authentication.get();
        boolean allowed = auth != null
                && auth.isAuthenticated()
                && auth.getPrincipal() instanceof Jwt jwt
                && country.equalsIgnoreCase(jwt.getClaimAsString(Role.COUNTRY_CLAIM))
                && auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(authorities::contains);
        return new AuthorizationDecision(allowed);
    }
}

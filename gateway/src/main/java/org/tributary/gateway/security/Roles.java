package org.tributary.gateway.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** The realm roles of the Tributary token contract, read from {@code realm_access.roles}. */
final class Roles {

    public static final String CASE_WORKER = "case-worker";
    public static final String CASE_SUPERVISOR = "case-supervisor";
    public static final String NODE_OPERATOR = "node-operator";
    public static final String REGIONAL_ANALYST = "regional-analyst";
    public static final String SECURITY_OFFICER = "security-officer";
    public static final String FEDERATION_AGGREGATOR = "federation-aggregator";
    public static final String METRICS_READER = "metrics-reader";

    public static final String COUNTRY_CLAIM = "country";
    static final String PREFIX = "ROLE_";

    private Roles() {}

    /** The token's realm roles, sorted; roles outside the contract are kept too (they grant nothing here). */
    public static Set<String> of(Jwt jwt) {
        Set<String> roles = new TreeSet<>();
        if (jwt.getClaim("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> list) {
            for (Object role : list) {
                if (role instanceof String name && !name.isBlank()) {
                    roles.add(name);
                }
            }
        }
        return roles;
    }

    public static List<GrantedAuthority> authorities(Jwt jwt) {
        return of(jwt).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(PREFIX + role))
                .toList();
    }

    /** Role names back from authorities ({@code ROLE_x} → {@code x}). */
    public static Set<String> names(Collection<? extends GrantedAuthority> authorities) {
        Set<String> names = new TreeSet<>();
        for (GrantedAuthority a : authorities) {
            String name = a.getAuthority();
            if (name != null && name.startsWith(PREFIX)) {
                names.add(name.substring(PREFIX.length()));
            }
        }
        return names;
    }
}

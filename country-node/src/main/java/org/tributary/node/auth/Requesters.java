package org.tributary.node.auth;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.tributary.common.security.Role;
import org.tributary.support.auth.KeycloakRoles;

/**
 * Who a federation call is for. The aggregator's service token says who relays the call; the person's own token,
 * relayed beside it ({@code X-Tributary-Requester-Token}), says whom it is for. The node verifies that token with
 * the same checks as any bearer token (signature from the realm's keys, issuer, audience, expiry) and requires the
 * regional-analyst role: the aggregator cannot make up a requester, and budgets and audit entries name a person.
 */
@Component
public class Requesters {

    private static final Logger log = LoggerFactory.getLogger(Requesters.class);
    /** Longer than any token Keycloak issues to a person; longer ones are refused unread. */
    static final int MAX_TOKEN_LENGTH = 8192;

    private final JwtDecoder decoder;

    Requesters(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** The requester's subject, if their token is valid and names a regional analyst. */
    public Optional<String> verify(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token.strip());
            boolean analyst = KeycloakRoles.authorities(jwt).stream()
                    .anyMatch(a -> a.getAuthority().equals("ROLE_" + Role.REGIONAL_ANALYST.realmRole()));
            if (!analyst || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(jwt.getSubject());
        } catch (JwtException e) {
            log.info("A relayed requester token was refused ({})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The client relaying the current call: its token's {@code azp} (Keycloak's client id), else its subject. */
    public String client() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            Object azp = token.getToken().getClaims().get("azp");
            return azp instanceof String s && !s.isBlank()
                    ? s
                    : token.getToken().getSubject();
        }
        return "unknown";
    }
}

package org.tributary.node.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.tributary.common.security.Role;

/**
 * Who is acting, for audit columns and the case audit trail: the token's subject (a Keycloak user or service-account
 * id, never a name or e-mail), else {@code anonymous} outside a request; and, for need-to-know, the caller's username
 * and whether they supervise the country's cases.
 */
@Component
public class CurrentActor {

    public static final String ANONYMOUS = "anonymous";

    /** The token claim with the Keycloak username (the realm's {@code username} mapper). */
    public static final String USERNAME_CLAIM = "preferred_username";

    public String name() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var principal = attributes.getRequest().getUserPrincipal();
            if (principal != null && principal.getName() != null) {
                return principal.getName();
            }
        }
        return ANONYMOUS;
    }

    /** The caller as need-to-know sees them; outside a request, nobody (no username, no supervision). */
    public CaseViewer viewer() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Jwt jwt)) {
            return new CaseViewer(null, false);
        }
        boolean supervisor = auth.getAuthorities().stream()
                .anyMatch(a -> Role.CASE_SUPERVISOR.authority().equals(a.getAuthority()));
        return new CaseViewer(jwt.getClaimAsString(USERNAME_CLAIM), supervisor);
    }

    /**
     * The caller as an import sees them: a node operator imports for the whole node (bulk migrations), so may name
     * any case owner and replace any case, as a supervisor may; a case worker only their own cases.
     */
    public CaseViewer importer() {
        CaseViewer viewer = viewer();
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean operator = auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(a -> Role.NODE_OPERATOR.authority().equals(a.getAuthority()));
        return operator ? CaseViewer.supervisor(viewer.username()) : viewer;
    }
}

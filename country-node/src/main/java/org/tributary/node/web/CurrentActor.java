package org.tributary.node.web;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting, for audit columns and the case audit trail: the token's subject (a Keycloak user or service-account
 * id, never a name or e-mail), else {@code anonymous} outside a request.
 */
@Component
public class CurrentActor {

    public static final String ANONYMOUS = "anonymous";

    public String name() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var principal = attributes.getRequest().getUserPrincipal();
            if (principal != null && principal.getName() != null) {
                return principal.getName();
            }
        }
        return ANONYMOUS;
    }
}

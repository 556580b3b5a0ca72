package org.tributary.node.web;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is acting, for audit columns and the case audit trail. Until the Keycloak issue adds authentication this is
 * the servlet principal if any, else {@code anonymous}.
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

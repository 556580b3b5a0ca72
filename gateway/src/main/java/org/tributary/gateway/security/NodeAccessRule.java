package org.tributary.gateway.security;

import java.util.Set;
import org.tributary.gateway.web.GatewayPaths;

/**
 * Who may use {@code /api/nodes/{country}/**}: a case worker, case supervisor or node operator of that country (the token's {@code
 * country} claim, any case), or a security officer for the node's audit API ({@code /api/audit/**}) of any country.
 * The federation API of a node ({@code /federation/**}) is service-to-service and refused to everyone.
 */
final class NodeAccessRule {

    private NodeAccessRule() {}

    public static boolean allows(GatewayPaths path, Set<String> roles, String countryClaim) {
        String country = path.nodeCountry();
        if (country == null || path.isNodeFederation() || !path.isAllowedNodeApi()) {
            return false;
        }
        if (path.isNodeAudit() && roles.contains(Roles.SECURITY_OFFICER)) {
            return true;
        }
        boolean nationalStaff = roles.contains(Roles.CASE_WORKER)
                || roles.contains(Roles.CASE_SUPERVISOR)
                || roles.contains(Roles.NODE_OPERATOR);
        return nationalStaff && countryClaim != null && countryClaim.trim().equalsIgnoreCase(country);
    }
}

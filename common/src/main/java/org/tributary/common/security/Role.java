package org.tributary.common.security;

/**
 * The realm roles of Keycloak realm {@code tributary}, as they appear in a token's {@code realm_access.roles}. Every
 * service maps them to authorities {@code ROLE_<name>}.
 */
public enum Role {
    /** National agency staff: the case records of their own country's node that they own or are assigned to. */
    CASE_WORKER("case-worker"),
    /** National agency staff who see every case of their country's node and assign them to case workers. */
    CASE_SUPERVISOR("case-supervisor"),
    /** National agency administrator: the node's imports, sharing policy, budget and audit log (no case records). */
    NODE_OPERATOR("node-operator"),
    /** Regional body: protected regional aggregates, never a case. */
    REGIONAL_ANALYST("regional-analyst"),
    /** Access review, disabling users, audit logs and chain verification. */
    SECURITY_OFFICER("security-officer"),
    /** The aggregator's service account: the nodes' release API only. */
    FEDERATION_AGGREGATOR("federation-aggregator"),
    /** The monitoring service account (Prometheus): every service's {@code /actuator/prometheus}, nothing else. */
    METRICS_READER("metrics-reader");

    /** The token claim holding the ISO 3166-1 alpha-2 country of national staff. */
    public static final String COUNTRY_CLAIM = "country";

    private final String realmRole;

    Role(String realmRole) {
        this.realmRole = realmRole;
    }

    /** The role's name in the realm and in tokens, e.g. {@code case-worker}. */
    public String realmRole() {
        return realmRole;
    }

    /** The Spring Security authority a service grants for this role, e.g. {@code ROLE_case-worker}. */
    public String authority() {
        return "ROLE_" + realmRole;
    }
}

package org.tributary.node.support;

import java.util.List;
import org.tributary.testsupport.TestTokens;

/**
 * Tokens shaped like Keycloak's for realm {@code tributary}, signed with the test key whose public half the test
 * profile configures. The end-to-end tests use real Keycloak tokens; these keep the node's own tests fast.
 */
public final class Tokens {

    public static final String ISSUER = TestTokens.ISSUER;
    public static final String AUDIENCE = "tributary-node-api";
    /** The subject of {@link #allNodeRoles()}: what the audit trail records as the requester. */
    public static final String STAFF_SUBJECT = "0f1e2d3c-0000-4000-8000-00000000a001";

    private Tokens() {}

    /** A token for a person with these roles, of this country (null: no country claim). */
    public static String user(String country, String... roles) {
        return builder(country, roles).sign();
    }

    /** The username of {@link #allNodeRoles()}. */
    public static final String STAFF_USERNAME = "kh-staff";

    /**
     * National staff of the test node (KH) with every national role (a case supervisor among them: every case is
     * theirs to see), and the aggregator's role: for API tests.
     */
    public static String allNodeRoles() {
        return builder("KH", "case-worker", "case-supervisor", "node-operator", "federation-aggregator")
                .subject(STAFF_SUBJECT)
                .username(STAFF_USERNAME)
                .sign();
    }

    /** A case worker of the test node (KH) with this username: sees their own and assigned cases only. */
    public static String caseWorker(String username) {
        return builder("KH", "case-worker").username(username).sign();
    }

    /** A case supervisor of the test node (KH) with this username. */
    public static String supervisor(String username) {
        return builder("KH", "case-supervisor").username(username).sign();
    }

    /** A regional analyst with this subject, as Keycloak issues them to the web client (audience includes the node). */
    public static String analyst(String subject) {
        return builder(null, "regional-analyst").subject(subject).sign();
    }

    /** The aggregator's service account (client credentials of {@code tributary-aggregator}). */
    public static String aggregator() {
        return builder(null, "federation-aggregator")
                .subject("service-account-tributary-aggregator")
                .claim("azp", "tributary-aggregator")
                .sign();
    }

    public static TestTokens.Builder builder(String country, String... roles) {
        return TestTokens.builder(List.of(AUDIENCE, "account"), country, List.of(roles));
    }
}

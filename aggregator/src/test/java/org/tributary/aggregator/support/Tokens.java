package org.tributary.aggregator.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tributary.testsupport.TestTokens;

/**
 * Tokens shaped like Keycloak's for realm {@code tributary}, signed with the test key whose public half the test
 * test configuration ({@code config/application.yml}) and the test's node processes trust. The end-to-end tests
 * use real Keycloak tokens; these keep the aggregator's own tests fast.
 */
public final class Tokens {

    public static final String ISSUER = TestTokens.ISSUER;
    public static final List<String> AUDIENCE =
            List.of("tributary-gateway", "tributary-regional-api", "tributary-node-api", "account");

    private Tokens() {}

    /** A token for a person with these roles, of this country (null: no country claim). */
    public static String user(String country, String... roles) {
        return builder(country, roles).sign();
    }

    /** A regional analyst who is also a security officer: what the aggregator's API tests call with. */
    public static String analyst() {
        return builder(null, "regional-analyst", "security-officer").sign();
    }

    /** A node operator of this country: for setting up a test node's data. */
    public static String nodeOperator(String country) {
        return builder(country, "node-operator").sign();
    }

    /** The aggregator's service account, valid for an hour: the static node token of tests over real nodes. */
    public static String aggregatorServiceAccount() {
        return builder(null, "federation-aggregator")
                .expiredAt(Instant.now().plus(Duration.ofHours(1)))
                .sign();
    }

    public static TestTokens.Builder builder(String country, String... roles) {
        return TestTokens.builder(AUDIENCE, country, List.of(roles));
    }
}

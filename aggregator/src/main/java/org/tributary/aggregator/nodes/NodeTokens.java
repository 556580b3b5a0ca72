package org.tributary.aggregator.nodes;

import java.util.Optional;

/**
 * Supplies the bearer token the aggregator shows a node: a client-credentials token of the aggregator's Keycloak
 * client ({@link ClientCredentialsNodeTokens}) when one is configured, else a static token or none.
 */
public interface NodeTokens {

    /** The token to send, if any. Called for every node call: implementations cache. */
    Optional<String> bearerToken();

    /** The value of the {@code Authorization} header, or {@code null} to send none. */
    default String authorization() {
        return bearerToken().map(t -> "Bearer " + t).orElse(null);
    }
}

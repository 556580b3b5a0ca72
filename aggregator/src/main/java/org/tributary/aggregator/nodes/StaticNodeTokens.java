package org.tributary.aggregator.nodes;

import java.util.Optional;
import org.tributary.aggregator.config.AggregatorProperties;

/**
 * The configured static token ({@code tributary.aggregator.node-token}), or none when it is empty: for tests and
 * nodes without Keycloak. With a token client configured, {@link ClientCredentialsNodeTokens} is used instead.
 */
class StaticNodeTokens implements NodeTokens {

    private final Optional<String> token;

    StaticNodeTokens(AggregatorProperties properties) {
        String configured = properties.nodeToken();
        this.token = configured == null || configured.isBlank() ? Optional.empty() : Optional.of(configured.strip());
    }

    @Override
    public Optional<String> bearerToken() {
        return token;
    }
}

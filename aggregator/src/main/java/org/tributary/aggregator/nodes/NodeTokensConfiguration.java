package org.tributary.aggregator.nodes;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.aggregator.config.AggregatorProperties;

/** Chooses how the aggregator authenticates to nodes, and says which at start-up. */
@Configuration
@EnableConfigurationProperties(NodeClientProperties.class)
class NodeTokensConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NodeTokensConfiguration.class);

    @Bean
    NodeTokens nodeTokens(NodeClientProperties client, AggregatorProperties properties, Clock clock) {
        if (client.configured()) {
            if (client.clientSecret() == null || client.clientSecret().isBlank()) {
                throw new IllegalStateException("tributary.aggregator.client.token-uri is set but the client secret is"
                        + " not: set TRIBUTARY_AGGREGATOR_CLIENT_SECRET");
            }
            log.info("Nodes are called with client-credentials tokens of client {}", client.clientId());
            return new ClientCredentialsNodeTokens(client, clock);
        }
        boolean staticToken =
                properties.nodeToken() != null && !properties.nodeToken().isBlank();
        log.warn(
                "No token client configured (tributary.aggregator.client.token-uri): nodes are called {}",
                staticToken ? "with the configured static token" : "without a token");
        return new StaticNodeTokens(properties);
    }
}

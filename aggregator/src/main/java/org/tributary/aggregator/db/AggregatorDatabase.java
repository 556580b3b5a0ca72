package org.tributary.aggregator.db;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.support.db.DatabaseConfiguration;

/**
 * The aggregator's database ({@link DatabaseConfiguration}): with no {@code spring.datasource.url}, its own embedded
 * PostgreSQL with its files in {@code tributary.aggregator.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
@Import(DatabaseConfiguration.class)
class AggregatorDatabase {

    @Bean
    DatabaseConfiguration.EmbeddedDefault embeddedDefault(AggregatorProperties aggregator) {
        return new DatabaseConfiguration.EmbeddedDefault(aggregator.dataDir(), "tributary-aggregator", 30);
    }
}

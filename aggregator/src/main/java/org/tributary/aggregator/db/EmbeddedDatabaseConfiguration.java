package org.tributary.aggregator.db;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.support.db.EmbeddedDatabase;
import org.tributary.support.db.EmbeddedDatabases;
import org.tributary.support.db.NoDatasourceUrlCondition;

/**
 * The embedded default: with no {@code spring.datasource.url}, the aggregator runs its own PostgreSQL 18, durable and
 * password-protected, with its files in {@code tributary.aggregator.data-dir} (see {@link EmbeddedDatabase}). A real
 * deployment sets {@code SPRING_DATASOURCE_URL} and this configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(AggregatorProperties aggregator) {
        return EmbeddedDatabase.start(
                EmbeddedDatabase.Settings.of(aggregator.dataDir()).withMaxConnections(30));
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase db) {
        return EmbeddedDatabases.dataSource(db, "tributary-aggregator");
    }
}

package org.tributary.aggregator.db;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.support.db.EmbeddedDatabase;
import org.tributary.support.db.EmbeddedDatabases;
import org.tributary.support.db.NoDatasourceUrlCondition;

/**
 * The embedded default: with no {@code spring.datasource.url}, the aggregator runs its own PostgreSQL 18, durable and
 * password-protected, migrated as its owner and used as a role that owns nothing, with its files in {@code tributary.aggregator.data-dir} (see {@link EmbeddedDatabase}). A real
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

    /** The application connects as {@value EmbeddedDatabases#APPLICATION_ROLE}: no owner rights, see the migrations. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase db) {
        return EmbeddedDatabases.dataSource(
                db, "tributary-aggregator", db.applicationRole(EmbeddedDatabases.APPLICATION_ROLE));
    }

    /** The migrations run as the owner and grant the application role what it may do. */
    @Bean
    FlywayConfigurationCustomizer migrationsAsOwner(EmbeddedDatabase db) {
        return EmbeddedDatabases.migrationsAsOwner(db);
    }
}

package org.tributary.node.db;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.tributary.node.config.NodeProperties;
import org.tributary.support.db.EmbeddedDatabase;
import org.tributary.support.db.EmbeddedDatabases;
import org.tributary.support.db.NoDatasourceUrlCondition;

/**
 * The embedded default: with no {@code spring.datasource.url}, the node runs its own PostgreSQL 18, durable and
 * password-protected, with its files in {@code tributary.node.data-dir} (see {@link EmbeddedDatabase}). A real
 * deployment sets {@code SPRING_DATASOURCE_URL} and this configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(NodeProperties node) {
        return EmbeddedDatabase.start(
                EmbeddedDatabase.Settings.of(node.dataDir()).withMaxConnections(50));
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase db) {
        return EmbeddedDatabases.dataSource(db, "tributary-node");
    }
}

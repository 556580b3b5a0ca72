package org.tributary.node.db;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tributary.node.config.NodeProperties;
import org.tributary.support.db.DatabaseConfiguration;

/**
 * The node's database ({@link DatabaseConfiguration}): with no {@code spring.datasource.url}, its own embedded
 * PostgreSQL with its files in {@code tributary.node.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
@Import(DatabaseConfiguration.class)
class NodeDatabase {

    @Bean
    DatabaseConfiguration.EmbeddedDefault embeddedDefault(NodeProperties node) {
        return new DatabaseConfiguration.EmbeddedDefault(node.dataDir(), "tributary-node", 50);
    }
}

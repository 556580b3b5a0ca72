package org.tributary.aggregator.db;

import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.support.db.DatabaseHealthIndicator;
import org.tributary.support.db.EmbeddedDatabase;

/** The bounded database check that readiness includes ({@code management.endpoint.health.group.readiness}). */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource, Optional<EmbeddedDatabase> embedded) {
        return new DatabaseHealthIndicator(dataSource, embedded);
    }
}

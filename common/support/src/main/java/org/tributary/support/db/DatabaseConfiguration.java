package org.tributary.support.db;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * The database plumbing the node and the aggregator share; each imports it and says, with an {@link EmbeddedDefault}
 * bean, where its embedded default keeps its files:
 *
 * <ul>
 *   <li>with no {@code spring.datasource.url}, the service runs its own PostgreSQL 18 — durable, password-protected,
 *       migrated as its owner and used as a role that owns nothing ({@link EmbeddedDatabase}); a deployment sets
 *       {@code SPRING_DATASOURCE_URL} and this part stays out of the way;
 *   <li>the bounded database check readiness includes ({@link DatabaseHealthIndicator});
 *   <li>a line at start-up naming the database in use, without credentials.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Import(DatabaseConfiguration.Embedded.class)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** A service's embedded default: its data directory, its pool's name, how many connections the server allows. */
    public record EmbeddedDefault(Path dataDir, String poolName, int maxConnections) {}

    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(DataSource dataSource, Optional<EmbeddedDatabase> embedded) {
        return new DatabaseHealthIndicator(dataSource, embedded);
    }

    @Bean
    Announcer databaseAnnouncer(DataSource dataSource) {
        return new Announcer(dataSource);
    }

    /** Says at start-up which database the service uses, so that an operator never guesses. No credentials. */
    static final class Announcer {
        private final DataSource dataSource;

        Announcer(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @EventListener(ApplicationReadyEvent.class)
        void announce() throws SQLException {
            try (var c = dataSource.getConnection()) {
                var md = c.getMetaData();
                String url = md.getURL().replaceAll("\\?.*$", "");
                log.info(
                        "Database in use: {} {} at {}",
                        md.getDatabaseProductName(),
                        md.getDatabaseProductVersion(),
                        url);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(NoDatasourceUrlCondition.class)
    static class Embedded {

        @Bean(destroyMethod = "close")
        EmbeddedDatabase embeddedDatabase(EmbeddedDefault service) {
            return EmbeddedDatabase.start(
                    EmbeddedDatabase.Settings.of(service.dataDir()).withMaxConnections(service.maxConnections()));
        }

        /** The application connects as {@value EmbeddedDatabases#APPLICATION_ROLE}: no owner rights. */
        @Bean
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(EmbeddedDatabase db, EmbeddedDefault service) {
            return EmbeddedDatabases.dataSource(
                    db, service.poolName(), db.applicationRole(EmbeddedDatabases.APPLICATION_ROLE));
        }

        /** The migrations run as the owner and grant the application role what it may do. */
        @Bean
        FlywayConfigurationCustomizer migrationsAsOwner(EmbeddedDatabase db) {
            return EmbeddedDatabases.migrationsAsOwner(db);
        }
    }
}

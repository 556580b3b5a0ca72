package org.tributary.support.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the service can use its database now, answered within a bound: a connection from the pool (its
 * connection timeout) that answers a validity check within one second. Part of readiness, so that a service whose
 * database is gone stops getting traffic instead of making every caller wait. For the embedded database it also says
 * what the watchdog is doing (running, restarting) and how often it restarted the server.
 */
public final class DatabaseHealthIndicator implements HealthIndicator {

    private static final Duration VALIDITY_TIMEOUT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Optional<EmbeddedDatabase> embedded;

    public DatabaseHealthIndicator(DataSource dataSource, Optional<EmbeddedDatabase> embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    @Override
    public Health health() {
        Health.Builder health = check();
        embedded.ifPresent(db -> {
            health.withDetail("embedded", db.state().name());
            health.withDetail("restarts", db.restarts());
            db.lastUnexpectedStop().ifPresent(at -> health.withDetail("lastUnexpectedStop", at.toString()));
        });
        return health.build();
    }

    private Health.Builder check() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid((int) VALIDITY_TIMEOUT.toSeconds()) ? Health.up() : Health.down();
        } catch (SQLException e) {
            // The SQL state only: driver messages may name hosts or users.
            return Health.down().withDetail("sqlState", String.valueOf(e.getSQLState()));
        }
    }
}

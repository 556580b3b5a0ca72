package org.tributary.support.db;

import java.util.Arrays;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrations as a step of their own, so that the long-running service never holds the owner's password: with
 * {@code TRIBUTARY_MIGRATE_ONLY=true} (or {@code --migrate-only}) the service's jar applies its migrations as the
 * owner ({@code SPRING_DATASOURCE_URL}, {@code SPRING_FLYWAY_USER}, {@code SPRING_FLYWAY_PASSWORD}), grants the
 * application's role ({@code TRIBUTARY_DB_APP_ROLE}) its rights, and exits. Kubernetes runs it as an init
 * container, compose as a one-shot service before the service starts; the service itself then connects as the
 * application's role and finds nothing to migrate.
 */
public final class MigrateOnly {

    private static final Logger log = LoggerFactory.getLogger(MigrateOnly.class);

    private MigrateOnly() {}

    /** Migrates and returns true when asked to; returns false (and does nothing) otherwise. */
    public static boolean runIfAsked(String[] args) {
        return runIfAsked(args, System.getenv());
    }

    static boolean runIfAsked(String[] args, Map<String, String> env) {
        boolean asked = Arrays.asList(args).contains("--migrate-only")
                || "true".equalsIgnoreCase(env.get("TRIBUTARY_MIGRATE_ONLY"));
        if (!asked) {
            return false;
        }
        String url = required(env, "SPRING_DATASOURCE_URL");
        String owner = required(env, "SPRING_FLYWAY_USER");
        String password = required(env, "SPRING_FLYWAY_PASSWORD");
        String role = env.getOrDefault("TRIBUTARY_DB_APP_ROLE", "");
        var result = Flyway.configure()
                .dataSource(url, owner, password)
                .locations("classpath:db/migration")
                .placeholders(Map.of(EmbeddedDatabases.APP_ROLE_PLACEHOLDER, role))
                .load()
                .migrate();
        log.info(
                "Migrations applied as {}: {} new, schema at version {}; rights granted to role '{}'",
                owner,
                result.migrationsExecuted,
                result.targetSchemaVersion,
                role);
        return true;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set " + name + " to migrate (TRIBUTARY_MIGRATE_ONLY=true)");
        }
        return value;
    }
}

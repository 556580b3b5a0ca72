package org.tributary.support.db;

import com.zaxxer.hikari.HikariDataSource;

/** The connection pool in front of an {@link EmbeddedDatabase}, with the same bounds as one in front of a server. */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {}

    /**
     * A pool on the embedded database. The caller binds {@code spring.datasource.hikari.*} onto it (with
     * {@code @ConfigurationProperties}), so timeouts are configured in one place whichever database is used.
     */
    public static HikariDataSource dataSource(EmbeddedDatabase db, String poolName) {
        return dataSource(db, poolName, new EmbeddedDatabase.Credentials(db.username(), db.password()));
    }

    /** A pool on the embedded database as the given role (see {@link EmbeddedDatabase#applicationRole}). */
    public static HikariDataSource dataSource(EmbeddedDatabase db, String poolName, EmbeddedDatabase.Credentials as) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(poolName);
        pool.setJdbcUrl(db.jdbcUrl());
        pool.setUsername(as.username());
        pool.setPassword(as.password());
        return pool;
    }

    /** The role the application connects as, on the embedded default. */
    public static final String APPLICATION_ROLE = "tributary_app";

    /** Flyway's placeholder naming the application role in the migrations' grants. */
    public static final String APP_ROLE_PLACEHOLDER = "app_role";

    /**
     * The embedded default's migrations run as the owner and grant {@value #APPLICATION_ROLE} what it may do (the
     * role is created first, with its own password).
     */
    public static org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer migrationsAsOwner(
            EmbeddedDatabase db) {
        return configuration -> {
            db.applicationRole(APPLICATION_ROLE);
            configuration.dataSource(ownerDataSource(db));
            java.util.Map<String, String> placeholders = new java.util.HashMap<>(configuration.getPlaceholders());
            placeholders.put(APP_ROLE_PLACEHOLDER, APPLICATION_ROLE);
            configuration.placeholders(placeholders);
        };
    }

    /**
     * Connections as the owner, for the migrations only (unpooled: opened for the migration and closed after it).
     */
    public static javax.sql.DataSource ownerDataSource(EmbeddedDatabase db) {
        var owner = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                db.jdbcUrl(), db.username(), db.password());
        owner.setDriverClassName("org.postgresql.Driver");
        return owner;
    }
}

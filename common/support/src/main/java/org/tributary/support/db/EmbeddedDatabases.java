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
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(poolName);
        pool.setJdbcUrl(db.jdbcUrl());
        pool.setUsername(db.username());
        pool.setPassword(db.password());
        return pool;
    }
}

package org.tributary.node.support;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.tributary.support.db.EmbeddedDatabase;
import org.tributary.support.db.EmbeddedDatabases;

/** The node's database as its owner (what the migrations run as): for tests that play a database administrator. */
public final class OwnerDatabase {

    private OwnerDatabase() {}

    public static JdbcClient jdbc(ApplicationContext context) {
        var embedded = context.getBeanProvider(EmbeddedDatabase.class).getIfAvailable();
        if (embedded != null) {
            return JdbcClient.create(EmbeddedDatabases.ownerDataSource(embedded));
        }
        Environment env = context.getEnvironment();
        return JdbcClient.create(new DriverManagerDataSource(
                env.getRequiredProperty("spring.datasource.url"),
                env.getRequiredProperty("spring.flyway.user"),
                env.getRequiredProperty("spring.flyway.password")));
    }
}

package org.tributary.node.support;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Points the node at a Testcontainers PostgreSQL when Docker is there. Without Docker it sets nothing, and the
 * node starts its embedded PostgreSQL as it does for a user: the same tests either way.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static PostgreSQLContainer container;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!dockerAvailable()) {
            log.info("No Docker engine: the tests use the node's embedded PostgreSQL");
            return;
        }
        synchronized (TestDatabase.class) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:18-alpine");
                container.start();
            }
        }
        // As a server deployment should be: the migrations as the owner, the node as a role that owns nothing.
        try (var c = java.sql.DriverManager.getConnection(
                        container.getJdbcUrl(), container.getUsername(), container.getPassword());
                var st = c.createStatement()) {
            st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'tributary_app') then"
                    + " create role tributary_app login password 'test-app-password'; end if; end $$");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create the application role in the test database", e);
        }
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "testcontainers",
                        Map.of(
                                "spring.datasource.url",
                                container.getJdbcUrl(),
                                "spring.datasource.username",
                                "tributary_app",
                                "spring.datasource.password",
                                "test-app-password",
                                "spring.flyway.user",
                                container.getUsername(),
                                "spring.flyway.password",
                                container.getPassword(),
                                "spring.flyway.placeholders.app_role",
                                "tributary_app")));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}

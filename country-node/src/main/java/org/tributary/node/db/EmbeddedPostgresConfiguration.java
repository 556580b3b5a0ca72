package org.tributary.node.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.tributary.node.config.NodeProperties;

/**
 * The embedded default: with no {@code spring.datasource.url}, the node runs its own PostgreSQL 18 from the
 * zonky binaries, keeping its files in {@code tributary.node.data-dir} so that data survives a restart. A real
 * deployment sets {@code SPRING_DATASOURCE_URL} and this configuration stays out of the way.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(NodeProperties node) throws IOException {
        var dir = node.dataDir().toAbsolutePath();
        Files.createDirectories(dir);
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "50")
                .start();
        log.info(
                "Database: embedded PostgreSQL on 127.0.0.1:{} with data in {} (set SPRING_DATASOURCE_URL to use a server)",
                postgres.getPort(),
                dir);
        return postgres;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        return DataSourceBuilder.create()
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
    }
}

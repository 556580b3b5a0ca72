package org.tributary.aggregator.db;

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
import org.tributary.aggregator.config.AggregatorProperties;

/**
 * The embedded default, as on the node: with no {@code spring.datasource.url}, the aggregator keeps its releases in
 * its own PostgreSQL 18 (zonky binaries) under {@code tributary.aggregator.data-dir}, so they survive a restart.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(AggregatorProperties aggregator) throws IOException {
        var dir = aggregator.dataDir().toAbsolutePath();
        Files.createDirectories(dir);
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "30")
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

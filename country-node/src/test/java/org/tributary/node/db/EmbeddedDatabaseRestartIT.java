package org.tributary.node.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.node.CountryNodeApplication;
import org.tributary.node.support.Http;
import org.tributary.node.support.Samples;

/** The embedded default keeps its data directory: what a node wrote is there after a restart. */
class EmbeddedDatabaseRestartIT {

    static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(CountryNodeApplication.class)
                .profiles("test")
                .run("--server.port=0", "--tributary.node.data-dir=" + dataDir);
    }

    static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void aCaseWrittenBeforeARestartIsReadAfterIt() throws Exception {
        Path dataDir = Files.createTempDirectory("tributary-restart-");
        String id;
        try (var first = start(dataDir)) {
            var created = new Http(port(first)).postJson("/api/cases", Samples.caseJson("RESTART-1"));
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asText();
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();
        try (var second = start(dataDir)) {
            var read = new Http(port(second)).get("/api/cases/" + id);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("personal").get("firstName").asText()).isEqualTo("Srey");
            assertThat(second.getBean(JdbcClient.class)
                            .sql("select count(*) from cases")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}

package org.tributary.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.node.sample.SampleCaseGenerator;
import org.tributary.node.sample.SampleCsvWriter;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;

/**
 * 100,000 cases through the import path while the test JVM (which runs the node) is capped at 512 MB of heap,
 * as the failsafe configuration sets: the file is streamed, never held.
 */
@NodeIntegrationTest
class LargeImportIT {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aHundredThousandCasesImportWithinA512MegabyteHeap() throws IOException, InterruptedException {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(512L * 1024 * 1024);
        Path file = Files.createTempFile("large-import-", ".csv");
        var generator = new SampleCaseGenerator("MM", 5);
        try (var writer = new SampleCsvWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (int i = 0; i < 100_000; i++) {
                writer.write(generator.generate(i));
            }
        }
        var http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
        var accepted = http.post("/api/imports", "text/csv", file);
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        tools.jackson.databind.JsonNode job = null;
        for (int i = 0; i < 1200; i++) {
            job = http.get("/api/imports/" + id).json();
            if (!job.get("status").asText().matches("QUEUED|RUNNING")) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("rowsTotal").asLong()).isEqualTo(100_000);
        assertThat(job.get("rowsInserted").asLong()).isEqualTo(100_000);
        assertThat(jdbc.sql("select count(*) from cases where external_ref like 'MM-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(100_000);
        Files.delete(file);
    }
}

package org.tributary.node.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.node.sample.SampleCaseGenerator;
import org.tributary.node.sample.SampleCsvWriter;

/** Synthetic cases imported through the node's own import API, once per test context. */
public final class SampleImports {

    private SampleImports() {}

    /**
     * Imports {@code n} synthetic cases with references {@code <prefix>-…} (seed {@code seed}) unless the node holds
     * them already, and waits until the import has ended; returns its final status.
     */
    public static String ensure(Http staff, JdbcClient jdbc, String prefix, long seed, int n) {
        if (jdbc.sql("select count(*) from cases where external_ref like ?")
                        .param(prefix + "-%")
                        .query(Long.class)
                        .single()
                > 0) {
            return "SUCCEEDED"; // imported by an earlier test of this context
        }
        var generator = new SampleCaseGenerator(prefix, seed);
        var out = new StringWriter();
        try (var writer = new SampleCsvWriter(out)) {
            for (int i = 0; i < n; i++) {
                writer.write(generator.generate(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var response = staff.post("/api/imports", "text/csv", out.toString().getBytes());
        String id = response.json().get("id").asText();
        String status = response.json().path("status").asText();
        for (int i = 0; i < 300 && status.matches("QUEUED|RUNNING"); i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            status = staff.get("/api/imports/" + id).json().get("status").asText();
        }
        return status;
    }
}

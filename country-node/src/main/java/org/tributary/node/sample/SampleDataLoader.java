package org.tributary.node.sample;

import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.node.cases.CaseBulkWriter;
import org.tributary.node.config.NodeProperties;

/**
 * Loads synthetic cases into an empty node at start-up when {@code tributary.sample.cases} is set: a demo or a
 * local federation has data at once. A node that holds cases is never touched. Runs before the node reports
 * ready.
 */
@Component
class SampleDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);

    private final SampleProperties sample;
    private final NodeProperties node;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CaseBulkWriter writer;
    private final Clock clock;

    private final org.tributary.node.cases.CaseStatistics statistics;

    SampleDataLoader(
            SampleProperties sample,
            NodeProperties node,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            CaseBulkWriter writer,
            Clock clock,
            org.tributary.node.cases.CaseStatistics statistics) {
        this.statistics = statistics;
        this.sample = sample;
        this.node = node;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (sample.cases() <= 0) {
            return;
        }
        long existing = jdbc.sql("select count(*) from cases").query(Long.class).single();
        if (existing > 0) {
            log.info("Sample data not loaded: the node holds cases already");
            return;
        }
        long started = System.nanoTime();
        var generator = new SampleCaseGenerator(node.country(), sample.seed());
        var result = transactions.execute(tx -> {
            try {
                var session = writer.open("sample-data", clock.instant());
                for (long i = 0; i < sample.cases(); i++) {
                    session.add(generator.generate(i));
                }
                return session.finish();
            } catch (SQLException e) {
                throw new IllegalStateException("sample data could not be written", e);
            }
        });
        statistics.refresh();
        log.info(
                "Loaded {} synthetic sample cases (seed {}) in {} ms",
                result.inserted(),
                sample.seed(),
                (System.nanoTime() - started) / 1_000_000);
    }
}

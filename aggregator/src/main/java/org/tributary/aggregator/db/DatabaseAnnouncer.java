package org.tributary.aggregator.db;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start-up which database the aggregator uses, so that an operator never guesses. No credentials are logged. */
@Component
class DatabaseAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAnnouncer.class);
    private final DataSource dataSource;

    DatabaseAnnouncer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() throws SQLException {
        try (var c = dataSource.getConnection()) {
            var md = c.getMetaData();
            String url = md.getURL().replaceAll("\\?.*$", "");
            log.info("Database in use: {} {} at {}", md.getDatabaseProductName(), md.getDatabaseProductVersion(), url);
        }
    }
}

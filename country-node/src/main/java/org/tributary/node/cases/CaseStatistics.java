package org.tributary.node.cases;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refreshes the planner's statistics of the case tables after a bulk write. Counting queries join the cases with
 * per-case facts; on statistics that still describe an empty table the planner picks nested loops that rescan the
 * facts for every case (minutes instead of milliseconds on 20,000 cases). Autovacuum would catch up later; a bulk
 * write should not leave the next release to find out.
 */
@Component
public class CaseStatistics {

    private final JdbcClient jdbc;

    CaseStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void refresh() {
        jdbc.sql("analyze cases, assistance_events, follow_ups, referrals, case_cells")
                .update();
    }
}

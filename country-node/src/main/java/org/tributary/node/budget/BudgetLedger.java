package org.tributary.node.budget;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.disclosure.DpSettings;

/**
 * The node's privacy budget ledger (the node owns its budget, not the aggregator): nano-ρ spent per budget period,
 * per requester and for all requesters together ({@link #EVERYONE}). A spend happens in the transaction that writes
 * the answer's audit entry, with both ledger rows locked first ({@code SELECT … FOR UPDATE}, always in the same
 * order), so concurrent queries can never overspend and a crash loses no spend that was answered.
 */
@Service
public class BudgetLedger {

    /** The ledger row for everyone together: its cap bounds what colluding accounts can learn. */
    public static final String EVERYONE = "*";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.tributary.node.metrics.NodeMetrics metrics;

    BudgetLedger(JdbcClient jdbc, Clock clock, org.tributary.node.metrics.NodeMetrics metrics) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** What was spent and may be spent in a period, in nano-ρ. */
    public record Balance(String period, long requesterSpent, long requesterCap, long globalSpent, long globalCap) {

        /** True when a further {@code cost} stays within both caps. */
        public boolean allows(long cost) {
            return requesterSpent + cost <= requesterCap && globalSpent + cost <= globalCap;
        }

        /** What the requester can still spend: the smaller of their own and everyone's remainder. */
        public long remaining() {
            return Math.max(0, Math.min(requesterCap - requesterSpent, globalCap - globalSpent));
        }
    }

    /** Locks the requester's and everyone's rows for the rest of the transaction and reads them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Balance lock(String period, String requester, DpSettings dp) {
        for (String who : List.of(EVERYONE, requester)) {
            jdbc.sql("insert into dp_ledger (budget_period, requester, spent) values (?, ?, 0) on conflict do nothing")
                    .params(period, who)
                    .update();
        }
        List<long[]> rows = jdbc.sql("select requester = ? as everyone, spent from dp_ledger"
                        + " where budget_period = ? and requester in (?, ?) order by requester for update")
                .params(EVERYONE, period, EVERYONE, requester)
                .query((rs, n) -> new long[] {rs.getBoolean(1) ? 1 : 0, rs.getLong(2)})
                .list();
        long mine = 0;
        long all = 0;
        for (long[] row : rows) {
            if (row[0] == 1) {
                all = row[1];
            } else {
                mine = row[1];
            }
        }
        return new Balance(period, mine, dp.requesterBudget(), all, dp.globalBudget());
    }

    /** Spends {@code cost} on the locked rows and records it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void spend(String period, String requester, String client, long cost, String queryHash, long auditSeq) {
        jdbc.sql("update dp_ledger set spent = spent + ? where budget_period = ? and requester in (?, ?)")
                .params(cost, period, EVERYONE, requester)
                .update();
        jdbc.sql("insert into dp_spend (at, budget_period, requester, client, cost, query_hash, audit_seq)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), period, requester, client, cost, queryHash, auditSeq)
                .update();
        // Counted once the spend is committed: a rolled-back answer spent nothing.
        org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                new org.springframework.transaction.support.TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        metrics.budgetSpent(cost);
                    }
                });
    }

    /** The balance without locking (for reading). */
    @Transactional(readOnly = true)
    public Balance balance(String period, String requester, DpSettings dp) {
        return new Balance(
                period, spent(period, requester), dp.requesterBudget(), spent(period, EVERYONE), dp.globalBudget());
    }

    private long spent(String period, String who) {
        return jdbc.sql("select spent from dp_ledger where budget_period = ? and requester = ?")
                .params(period, who)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** A ledger row: one requester's (or everyone's) spend in a period. */
    public record Row(String period, String requester, long spent) {}

    @Transactional(readOnly = true)
    public List<Row> rows(String period) {
        return jdbc.sql("select budget_period, requester, spent from dp_ledger where budget_period = ?"
                        + " order by requester")
                .param(period)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /** One spend as recorded. */
    public record Spend(
            long id, Instant at, String period, String requester, String client, long cost, long auditSeq) {}

    @Transactional(readOnly = true)
    public List<Spend> spends(String period, int page, int size) {
        return jdbc.sql("select id, at, budget_period, requester, client, cost, audit_seq from dp_spend"
                        + " where budget_period = ? order by id desc limit ? offset ?")
                .params(period, size, (long) page * size)
                .query((rs, n) -> new Spend(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7)))
                .list();
    }
}

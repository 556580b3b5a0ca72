package org.tributary.node.release;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.Decision;
import org.tributary.common.disclosure.DisclosureEngine;
import org.tributary.common.disclosure.DisclosurePolicy;
import org.tributary.common.disclosure.DpSettings;
import org.tributary.common.disclosure.NoisyTables;
import org.tributary.common.disclosure.Population;
import org.tributary.common.disclosure.PrivacyLoss;
import org.tributary.common.disclosure.QueryRule;
import org.tributary.common.disclosure.RandomWords;
import org.tributary.common.disclosure.RefusalReason;
import org.tributary.common.disclosure.Release;
import org.tributary.common.federation.BudgetStatus;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.integrity.Receipt;
import org.tributary.common.integrity.ReleaseDigest;
import org.tributary.node.audit.AuditLog;
import org.tributary.node.audit.Receipts;
import org.tributary.node.budget.BudgetLedger;
import org.tributary.node.policy.PolicyService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ad-hoc count queries, answered only under differential privacy and against the node's budget:
 *
 * <ol>
 *   <li>the policy must offer ad-hoc queries ({@code adHocMode = DIFFERENTIAL_PRIVACY}), the query pass the rules,
 *       and its grid stay within the policy's size;
 *   <li>the same query asked before in this release period returns the stored answer and spends nothing;
 *   <li>else its cost (ρ = Δ²/2σ²) is spent from the requester's and everyone's budget, both rows locked, in the
 *       transaction that writes the audit entry — or the query is refused with what remains;
 *   <li>every histogram of the grid is counted; each cell gets its noisy value of this period (drawn now if no
 *       earlier query drew one for the same cell definition); margins are sums of noisy cells;
 *   <li>the population rule is decided on the noisy {@code N}; the answer (or that refusal) is stored.
 * </ol>
 */
@Service
class AdHocQueries {

    private final JdbcClient jdbc;
    private final PolicyService policies;
    private final ReleasePeriods periods;
    private final DisclosureEngine engine;
    private final TableCounter counter;
    private final BudgetLedger ledger;
    private final AuditLog audit;
    private final Receipts receipts;
    private final JsonMapper json;
    private final Clock clock;
    private final NoiseSource noise;
    private final QueryRule rules = QueryRules.standard();
    private final String nodeId;

    AdHocQueries(
            JdbcClient jdbc,
            PolicyService policies,
            ReleasePeriods periods,
            DisclosureEngine engine,
            TableCounter counter,
            BudgetLedger ledger,
            AuditLog audit,
            Receipts receipts,
            JsonMapper json,
            Clock clock,
            NoiseSource noise,
            ReleaseProperties release,
            org.tributary.node.config.NodeProperties node) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.periods = periods;
        this.engine = engine;
        this.counter = counter;
        this.ledger = ledger;
        this.audit = audit;
        this.receipts = receipts;
        this.json = json;
        this.clock = clock;
        this.noise = noise;
        this.nodeId = ReleaseConfiguration.nodeId(release, node);
    }

    /** Where the noise comes from: {@link RandomWords#secure()} in production; tests may seed it. */
    interface NoiseSource {
        RandomWords words();
    }

    /** An answer: a table (possibly the stored one), or a refusal with what remains of the budget. */
    sealed interface Answer permits Answered, Refused {}

    record Answered(ReleasedTable table, Receipt receipt) implements Answer {}

    /** A refusal, with the receipt for its audit entry (none for a refusal that wrote none). */
    record Refused(RefusalReason reason, String detail, BudgetStatus budget, Receipt receipt) implements Answer {

        Refused(RefusalReason reason, String detail, BudgetStatus budget) {
            this(reason, detail, budget, null);
        }
    }

    @Transactional
    public Answer answer(CountQuery query, String requester, String client) {
        DisclosurePolicy policy = policies.current().policy();
        String asked = "dimensions=" + query.dimensions() + ";filters=" + new java.util.TreeMap<>(query.filters())
                + ";years=" + query.yearFrom() + ".." + query.yearTo();
        if (policy.killSwitch()) {
            return refuse(requester, client, asked, RefusalReason.RELEASE_DISABLED, "kill switch on", null);
        }
        if (!policy.answersAdHoc()) {
            return refuse(
                    requester, client, asked, RefusalReason.AD_HOC_NOT_OFFERED, "mode " + policy.adHocMode(), null);
        }
        Decision admitted = engine.admit(query, policy, rules);
        if (admitted instanceof Decision.Refused refused) {
            return refuse(requester, client, asked, refused.reason(), refused.detail(), null);
        }
        DpSettings dp = policy.dp();
        AdHocGrid grid = AdHocGrid.of(query, dp, AdHocGrid.thisYear(clock));
        if (grid.empty()) {
            return refuse(requester, client, asked, RefusalReason.INVALID_YEAR_RANGE, "no year of the window", null);
        }
        if (grid.size() > dp.maxGridCells()) {
            return refuse(requester, client, asked, RefusalReason.GRID_TOO_LARGE, grid.size() + " cells", null);
        }
        String canonical = grid.canonical();
        String hash = AuditLog.sha256(canonical);
        var period = periods.current();
        String budgetPeriod = period.calendarPeriod();
        // One answer per query and period: an identical query waits here, then finds the stored answer.
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(Long.parseLong(hash.substring(0, 15), 16))
                .query(Object.class)
                .single();
        Optional<Stored> stored = stored(period.id(), hash);
        if (stored.isPresent()) {
            var balance = ledger.balance(budgetPeriod, requester, dp);
            Answer again = stored.get().asAnswer(spend(BigDecimal.ZERO, true, balance, policy));
            String digest = again instanceof Answered a ? digest(a.table()) : null;
            var entry = audit.append(
                    requester,
                    client,
                    "COUNT_QUERY",
                    canonical,
                    digest,
                    stored.get().refusal(),
                    0L);
            return withReceipt(again, receipts.forEntry(entry, digest, policy.version(), period.id()));
        }

        NoisyTables.Counted counted = count(grid);
        long cost = PrivacyLoss.cost(counted.squaredSensitivity(dp.multiResponseBound()), dp.sigma());
        BudgetLedger.Balance balance = ledger.lock(budgetPeriod, requester, dp);
        if (!balance.allows(cost)) {
            return refuse(
                    requester,
                    client,
                    canonical,
                    RefusalReason.BUDGET_EXHAUSTED,
                    "costs " + PrivacyLoss.rho(cost).toPlainString(),
                    status(balance, policy));
        }
        long[] total = counter.totalOnNode();
        var population = new Population(0, 0, total[0], total[1]);
        DisclosureEngine.NoisyRelease release = protect(query, grid, policy, counted, population, period.id());

        String refusal = null;
        String digest = null;
        ReleasedTable table = null;
        if (release.release() instanceof Release.Table t) {
            table = Wire.table(t, period.id());
            digest = digest(table);
        } else {
            refusal = ((Release.Refusal) release.release()).reason().name();
        }
        var entry = audit.append(requester, client, "COUNT_QUERY", canonical, digest, refusal, cost);
        ledger.spend(budgetPeriod, requester, client, cost, hash, entry.seq());
        var after = new BudgetLedger.Balance(
                budgetPeriod,
                balance.requesterSpent() + cost,
                balance.requesterCap(),
                balance.globalSpent() + cost,
                balance.globalCap());
        var answer = new Stored(table, refusal, digest);
        jdbc.sql("insert into dp_answer (release_period, query_hash, canonical_query, created_at, status, body)"
                        + " values (?, ?, ?, ?, ?, ?::jsonb)")
                .params(
                        period.id(),
                        hash,
                        canonical,
                        Timestamp.from(clock.instant()),
                        table == null ? RefusalReason.valueOf(refusal).status() : 200,
                        json.writeValueAsString(answer))
                .update();
        return withReceipt(
                answer.asAnswer(spend(PrivacyLoss.rho(cost), false, after, policy)),
                receipts.forEntry(entry, digest, policy.version(), period.id()));
    }

    /** The digest of a released table's cells, as the receipt and the audit entry name them. */
    private String digest(ReleasedTable table) {
        return ReleaseDigest.of(json.readValue(json.writeValueAsString(table), Object.class));
    }

    private static Answer withReceipt(Answer answer, Receipt receipt) {
        if (answer instanceof Answered a) {
            return new Answered(a.table(), receipt);
        }
        Refused r = (Refused) answer;
        return new Refused(r.reason(), r.detail(), r.budget(), receipt);
    }

    /** The requester's budget on this node for the current period. */
    @Transactional(readOnly = true)
    public BudgetStatus budget(String requester) {
        DisclosurePolicy policy = policies.current().policy();
        return status(ledger.balance(periods.budgetPeriod(), requester, policy.dp()), policy);
    }

    /** A stored answer: the table, or the refusal decided on the noisy population. */
    record Stored(ReleasedTable table, String refusal, String digest) {

        Answer asAnswer(ReleasedTable.Spend spend) {
            if (table != null) {
                return new Answered(new ReleasedTable(table.metadata(), table.cells(), spend), null);
            }
            RefusalReason reason = RefusalReason.valueOf(refusal);
            return new Refused(reason, "decided on the noisy population", spend.remaining());
        }
    }

    private Optional<Stored> stored(String period, String hash) {
        return jdbc.sql("select body::text from dp_answer where release_period = ? and query_hash = ?")
                .params(period, hash)
                .query(String.class)
                .optional()
                .map(body -> json.readValue(body, Stored.class));
    }

    /** Noisy cells of the grid; values drawn concurrently for the same definitions win over ours. */
    private DisclosureEngine.NoisyRelease protect(
            CountQuery query,
            AdHocGrid grid,
            DisclosurePolicy policy,
            NoisyTables.Counted counted,
            Population population,
            String period) {
        Map<String, String> hashes = new LinkedHashMap<>();
        counted.histograms().values().forEach(cells -> cells.forEach(c -> hashes.put(c.definition(), c.definition())));
        Map<String, Long> earlier = noisyValues(period, hashes.keySet());
        var release = engine.protectNoisy(query, policy, counted, population, earlier, noise.words());
        if (release.drawn().isEmpty()) {
            return release;
        }
        for (var e : release.drawn().entrySet()) {
            jdbc.sql("insert into dp_noisy_cell (release_period, definition, value) values (?, ?, ?)"
                            + " on conflict do nothing")
                    .params(period, e.getKey(), e.getValue())
                    .update();
        }
        Map<String, Long> kept = noisyValues(period, release.drawn().keySet());
        if (kept.equals(release.drawn())) {
            return release;
        }
        // Another query drew some of the same cells first: use the values that were kept (no new draws).
        Map<String, Long> all = new HashMap<>(earlier);
        all.putAll(kept);
        return engine.protectNoisy(query, policy, counted, population, all, noise.words());
    }

    private Map<String, Long> noisyValues(String period, java.util.Collection<String> definitions) {
        Map<String, Long> out = new HashMap<>();
        if (definitions.isEmpty()) {
            return out;
        }
        jdbc.sql("select definition, value from dp_noisy_cell where release_period = ? and definition = any(?)")
                .params(period, definitions.toArray(String[]::new))
                .query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /**
     * Every histogram of the grid: for each set of multi-response dimensions collapsed (persons once), the cells of
     * the remaining dimensions, zeros included. Definitions are hashed: they name a cell without spelling it out.
     */
    private NoisyTables.Counted count(AdHocGrid grid) {
        int dims = grid.dimensions().size();
        List<Integer> multi = new ArrayList<>();
        for (int i = 0; i < dims; i++) {
            if (grid.multiResponse().get(i)) {
                multi.add(i);
            }
        }
        Map<Integer, List<NoisyTables.GridCell>> histograms = new HashMap<>();
        for (int subset = 0; subset < (1 << multi.size()); subset++) {
            int mask = 0;
            for (int j = 0; j < multi.size(); j++) {
                if ((subset & (1 << j)) != 0) {
                    mask |= 1 << multi.get(j);
                }
            }
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < dims; i++) {
                if ((mask & (1 << i)) == 0) {
                    kept.add(i);
                }
            }
            List<String> keptDims = kept.stream().map(grid.dimensions()::get).toList();
            var histogramQuery = new CountQuery(keptDims, grid.sql().filters(), null, null);
            var statement = CountQuerySql.histogram(histogramQuery, grid.bound());
            TableCounter.scanPlans(jdbc);
            Map<List<String>, Long> present = new HashMap<>();
            jdbc.sql(statement.sql()).params(statement.parameters()).query(rs -> {
                List<String> at = new ArrayList<>();
                for (int i = 0; i < kept.size(); i++) {
                    at.add(rs.getString("d" + i));
                }
                present.merge(at, rs.getLong("n"), Long::sum);
            });
            List<List<String>> keptCodes = kept.stream().map(grid.codes()::get).toList();
            List<NoisyTables.GridCell> cells = new ArrayList<>();
            for (List<String> at : NoisyTables.grid(keptCodes)) {
                List<String> full = new ArrayList<>(java.util.Collections.nCopies(dims, (String) null));
                for (int i = 0; i < kept.size(); i++) {
                    full.set(kept.get(i), at.get(i));
                }
                cells.add(new NoisyTables.GridCell(
                        full, present.getOrDefault(at, 0L), AuditLog.sha256(grid.definition(full))));
            }
            histograms.put(mask, cells);
        }
        return new NoisyTables.Counted(grid.dimensions(), grid.multiResponse(), histograms);
    }

    private Refused refuse(
            String requester,
            String client,
            String canonical,
            RefusalReason reason,
            String detail,
            BudgetStatus budget) {
        var entry = audit.append(requester, client, "COUNT_QUERY", canonical, null, reason.name(), null);
        return new Refused(
                reason,
                detail,
                budget,
                receipts.forEntry(entry, null, policies.current().policy().version(), null));
    }

    private ReleasedTable.Spend spend(
            BigDecimal rho, boolean stored, BudgetLedger.Balance balance, DisclosurePolicy policy) {
        return new ReleasedTable.Spend(rho, stored, status(balance, policy));
    }

    BudgetStatus status(BudgetLedger.Balance balance, DisclosurePolicy policy) {
        DpSettings dp = policy.dp();
        long single = PrivacyLoss.cost(1, dp.sigma());
        long multi = PrivacyLoss.cost(dp.multiResponseBound() + 1L, dp.sigma());
        return new BudgetStatus(
                FederationContract.VERSION,
                nodeId,
                balance.period(),
                PrivacyLoss.rho(balance.requesterSpent()),
                PrivacyLoss.rho(balance.requesterCap()),
                PrivacyLoss.rho(balance.globalSpent()),
                PrivacyLoss.rho(balance.globalCap()),
                PrivacyLoss.rho(single),
                PrivacyLoss.rho(multi),
                balance.remaining() / single);
    }
}

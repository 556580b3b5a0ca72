package org.tributary.node.policy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.tributary.common.disclosure.DisclosurePolicy;
import org.tributary.common.disclosure.DpSettings;
import org.tributary.common.disclosure.PeriodLength;
import org.tributary.common.disclosure.PrivacyLoss;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;
import org.tributary.node.audit.AuditLog;
import org.tributary.support.web.ProblemException;

/**
 * The node's sharing policy: stored, versioned (every change is a new row), defaults from configuration on first
 * start, and every change written to the audit chain.
 */
@Service
@Order(0)
public class PolicyService implements ApplicationRunner {

    private static final long POLICY_LOCK = 0x706f_6c69_6379L;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PolicyProperties defaults;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Predicate<String> knownDimension;
    private final ApplicationEventPublisher events;

    PolicyService(
            JdbcClient jdbc,
            AuditLog audit,
            PolicyProperties defaults,
            Clock clock,
            TransactionTemplate transactions,
            DimensionCatalogue catalogue,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.defaults = defaults;
        this.clock = clock;
        this.transactions = transactions;
        this.knownDimension = catalogue::isKnown;
    }

    /** What a policy holds, as stored. */
    public record StoredPolicy(DisclosurePolicy policy, Instant createdAt, String createdBy) {}

    @Override
    public void run(ApplicationArguments args) {
        transactions.executeWithoutResult(tx -> {
            if (jdbc.sql("select count(*) from disclosure_policy")
                            .query(Long.class)
                            .single()
                    == 0) {
                var dp = defaults.dp();
                var initial = new DisclosurePolicy(
                        1,
                        defaults.threshold(),
                        defaults.roundingBase(),
                        defaults.mode(),
                        defaults.minPopulation(),
                        Set.copyOf(defaults.allowedDimensions()),
                        defaults.maxDimensions(),
                        defaults.killSwitch(),
                        defaults.suppressZeros(),
                        defaults.adHocMode(),
                        defaults.periodLength(),
                        defaults.minShareBase(),
                        new DpSettings(
                                dp.sigma(),
                                dp.multiResponseBound(),
                                PrivacyLoss.nanoRho(dp.requesterBudget()),
                                PrivacyLoss.nanoRho(dp.globalBudget()),
                                dp.maxGridCells(),
                                dp.yearWindow()));
                List<FieldError> problems = problems(initial);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("tributary.policy defaults are invalid: " + problems);
                }
                store(initial, "configuration");
            }
        });
    }

    @Transactional(readOnly = true)
    public StoredPolicy current() {
        return jdbc.sql("select * from disclosure_policy order by version desc limit 1")
                .query((rs, n) -> new StoredPolicy(
                        new DisclosurePolicy(
                                rs.getLong("version"),
                                rs.getInt("threshold"),
                                rs.getInt("rounding_base"),
                                ReleaseMode.valueOf(rs.getString("mode")),
                                rs.getInt("min_population"),
                                Set.of((String[])
                                        rs.getArray("allowed_dimensions").getArray()),
                                rs.getInt("max_dimensions"),
                                rs.getBoolean("kill_switch"),
                                rs.getBoolean("suppress_zeros"),
                                ReleaseMode.valueOf(rs.getString("ad_hoc_mode")),
                                PeriodLength.valueOf(rs.getString("period_length")),
                                rs.getInt("min_share_base"),
                                new DpSettings(
                                        rs.getInt("dp_sigma"),
                                        rs.getInt("dp_multi_response_bound"),
                                        rs.getLong("dp_requester_budget"),
                                        rs.getLong("dp_global_budget"),
                                        rs.getInt("dp_max_grid_cells"),
                                        rs.getInt("dp_year_window"))),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by")))
                .single();
    }

    /** Stores {@code proposed} as the next version, or refuses with every reason it is not acceptable. */
    @Transactional
    public StoredPolicy change(DisclosurePolicy proposed, String actor) {
        List<FieldError> problems = problems(proposed);
        if (!problems.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The policy is not acceptable.", problems);
        }
        // One policy change at a time: two operators never compute the same next version.
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(POLICY_LOCK)
                .query(Object.class)
                .single();
        DisclosurePolicy previous = current().policy();
        var versioned = proposed.withVersion(previous.version() + 1);
        StoredPolicy stored = store(versioned, actor);
        // In this transaction: a change that would re-release published cells under another draw starts a new
        // release period (audited with it).
        events.publishEvent(new PolicyChanged(previous, versioned, actor));
        return stored;
    }

    /** Published in the transaction of a policy change. */
    public record PolicyChanged(DisclosurePolicy previous, DisclosurePolicy next, String actor) {}

    private StoredPolicy store(DisclosurePolicy p, String actor) {
        Instant now = clock.instant();
        jdbc.sql("insert into disclosure_policy (version, created_at, created_by, threshold, rounding_base, mode,"
                        + " min_population, allowed_dimensions, max_dimensions, kill_switch, suppress_zeros,"
                        + " ad_hoc_mode, period_length, min_share_base, dp_sigma, dp_multi_response_bound,"
                        + " dp_requester_budget, dp_global_budget, dp_max_grid_cells, dp_year_window)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        p.version(),
                        Timestamp.from(now),
                        actor,
                        p.threshold(),
                        p.roundingBase(),
                        p.mode().name(),
                        p.minPopulation(),
                        new TreeSet<>(p.allowedDimensions()).toArray(String[]::new),
                        p.maxDimensions(),
                        p.killSwitch(),
                        p.suppressZeros(),
                        p.adHocMode().name(),
                        p.periodLength().name(),
                        p.minShareBase(),
                        p.dp().sigma(),
                        p.dp().multiResponseBound(),
                        p.dp().requesterBudget(),
                        p.dp().globalBudget(),
                        p.dp().maxGridCells(),
                        p.dp().yearWindow())
                .update();
        audit.append(actor, "POLICY_CHANGE", canonical(p), null, null);
        return new StoredPolicy(p, now, actor);
    }

    private List<FieldError> problems(DisclosurePolicy p) {
        List<FieldError> problems = new ArrayList<>();
        for (String problem : p.problems()) {
            problems.add(FieldError.of(problem.split(" ")[0], null, problem));
        }
        for (String d : new TreeSet<>(p.allowedDimensions())) {
            if (!knownDimension.test(d)) {
                problems.add(FieldError.of("allowedDimensions", d, "is no dimension of this node's catalogue"));
            }
        }
        return problems;
    }

    static String canonical(DisclosurePolicy p) {
        var dp = p.dp();
        return "{\"version\":" + p.version() + ",\"threshold\":" + p.threshold() + ",\"roundingBase\":"
                + p.roundingBase() + ",\"mode\":\"" + p.mode() + "\",\"minPopulation\":" + p.minPopulation()
                + ",\"allowedDimensions\":"
                + new TreeSet<>(p.allowedDimensions())
                        .stream().map(d -> "\"" + d + "\"").toList()
                + ",\"maxDimensions\":" + p.maxDimensions() + ",\"killSwitch\":" + p.killSwitch()
                + ",\"suppressZeros\":" + p.suppressZeros() + ",\"adHocMode\":\"" + p.adHocMode()
                + "\",\"periodLength\":\"" + p.periodLength() + "\",\"minShareBase\":" + p.minShareBase()
                + ",\"dp\":{\"sigma\":" + dp.sigma() + ",\"multiResponseBound\":" + dp.multiResponseBound()
                + ",\"requesterBudget\":"
                + PrivacyLoss.rho(dp.requesterBudget()).toPlainString()
                + ",\"globalBudget\":" + PrivacyLoss.rho(dp.globalBudget()).toPlainString()
                + ",\"maxGridCells\":" + dp.maxGridCells() + ",\"yearWindow\":" + dp.yearWindow() + "}}";
    }

    /** The dimensions a node can release, as the policy validation sees them. */
    public interface DimensionCatalogue {
        boolean isKnown(String dimension);
    }
}

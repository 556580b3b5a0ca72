package org.tributary.node.release;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.disclosure.DisclosureEngine;
import org.tributary.common.disclosure.DisclosurePolicy;
import org.tributary.node.audit.AuditLog;
import org.tributary.node.policy.PolicyService;

/**
 * Release periods. A period is named by its calendar span and a sequence number ({@code 2026-Q4.1}): catalogue
 * releases are computed once per period, noisy values are drawn once per period. A new period starts with each
 * calendar period, and at once whenever a change would release already published cells under another draw or mode:
 * a policy change of mode, {@code k}, {@code b}, the zero rule, the noise, or a change of the rounding secret. Each
 * start is an audit entry naming the reason and a fingerprint of the secret (never the secret). Budgets are granted
 * per calendar period, so a new period within one does not refill them.
 */
@Service
public class ReleasePeriods {

    private static final Logger log = LoggerFactory.getLogger(ReleasePeriods.class);
    private static final long LOCK = 0x7065_7269_6f64L;

    private final JdbcClient jdbc;
    private final PolicyService policies;
    private final DisclosureEngine engine;
    private final AuditLog audit;
    private final Clock clock;

    ReleasePeriods(JdbcClient jdbc, PolicyService policies, DisclosureEngine engine, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.engine = engine;
        this.audit = audit;
        this.clock = clock;
    }

    /** A release period as stored. */
    public record Period(
            String id, String calendarPeriod, int seq, Instant startedAt, long policyVersion, String reason) {}

    /** The current period, started now if the calendar moved on or the secret changed since the last one. */
    @Transactional
    public Period current() {
        DisclosurePolicy policy = policies.current().policy();
        String calendar = calendarPeriod(policy);
        Optional<Period> latest = latest(calendar);
        String fingerprint = engine.secretFingerprint();
        if (latest.isPresent() && fingerprint.equals(fingerprintOf(latest.get().id()))) {
            return latest.get();
        }
        lock();
        latest = latest(calendar);
        if (latest.isEmpty()) {
            return start(calendar, 1, policy, "calendar period " + calendar);
        }
        if (!fingerprint.equals(fingerprintOf(latest.get().id()))) {
            return start(calendar, latest.get().seq() + 1, policy, "rounding secret changed");
        }
        return latest.get();
    }

    /** The calendar period budgets are granted for. */
    public String budgetPeriod() {
        return calendarPeriod(policies.current().policy());
    }

    /** Starts a new period now, for the reason given (an operator's request, a policy change). */
    @Transactional
    public Period startNew(String reason) {
        DisclosurePolicy policy = policies.current().policy();
        String calendar = calendarPeriod(policy);
        lock();
        int seq = latest(calendar).map(p -> p.seq() + 1).orElse(1);
        return start(calendar, seq, policy, reason);
    }

    /** A policy change that would re-release published cells under another draw or mode starts a new period. */
    @EventListener
    void policyChanged(PolicyService.PolicyChanged change) {
        if (change.previous().changesReleasedValues(change.next())) {
            startNew("policy version " + change.next().version() + " changes how published cells are released");
        }
    }

    private Period start(String calendar, int seq, DisclosurePolicy policy, String reason) {
        Instant now = clock.instant();
        String id = calendar + "." + seq;
        String fingerprint = engine.secretFingerprint();
        jdbc.sql("insert into release_period (id, calendar_period, seq, started_at, policy_version,"
                        + " secret_fingerprint, reason) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, calendar, seq, Timestamp.from(now), policy.version(), fingerprint, reason)
                .update();
        audit.append(
                "node",
                "RELEASE_PERIOD",
                "{\"period\":\"" + id + "\",\"policyVersion\":" + policy.version() + ",\"secretFingerprint\":\""
                        + fingerprint + "\",\"reason\":\"" + reason.replace("\"", "'") + "\"}",
                null,
                null);
        log.info("Release period {} started: {}", id, reason);
        return new Period(id, calendar, seq, now, policy.version(), reason);
    }

    private Optional<Period> latest(String calendar) {
        return jdbc.sql("select id, calendar_period, seq, started_at, policy_version, reason from release_period"
                        + " where calendar_period = ? order by seq desc limit 1")
                .param(calendar)
                .query((rs, n) -> new Period(
                        rs.getString("id"),
                        rs.getString("calendar_period"),
                        rs.getInt("seq"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getLong("policy_version"),
                        rs.getString("reason")))
                .optional();
    }

    private String fingerprintOf(String period) {
        return jdbc.sql("select secret_fingerprint from release_period where id = ?")
                .param(period)
                .query(String.class)
                .single();
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(LOCK)
                .query(Object.class)
                .single();
    }

    private String calendarPeriod(DisclosurePolicy policy) {
        return policy.periodLength().periodOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}

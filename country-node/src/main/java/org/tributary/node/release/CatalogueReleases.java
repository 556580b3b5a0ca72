package org.tributary.node.release;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.disclosure.CellKey;
import org.tributary.common.disclosure.CellStatus;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.Decision;
import org.tributary.common.disclosure.DisclosureEngine;
import org.tributary.common.disclosure.DisclosurePolicy;
import org.tributary.common.disclosure.QueryRule;
import org.tributary.common.disclosure.RefusalReason;
import org.tributary.common.disclosure.Release;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.federation.CatalogueTable;
import org.tributary.common.federation.CatalogueTables;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.TableCell;
import org.tributary.common.integrity.Receipt;
import org.tributary.common.integrity.ReleaseDigest;
import org.tributary.common.problem.ProblemType;
import org.tributary.node.audit.AuditLog;
import org.tributary.node.audit.Receipts;
import org.tributary.node.policy.PolicyService;
import org.tributary.support.web.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalogue releases: every catalogue table, computed once per release period, stored, and served identically to
 * every reader at no further cost. In {@code ROUNDING} mode each table is consistently rounded; in
 * {@code SUPPRESSION_ONLY} mode the whole set is protected together ({@code LinkedSuppression}), counting what the
 * earlier periods' releases of the same tables published exactly. The release and its audit entry are written in one
 * transaction; a release is never changed afterwards (the database refuses it).
 */
@Service
public class CatalogueReleases {

    private static final Logger log = LoggerFactory.getLogger(CatalogueReleases.class);
    private static final long LOCK = 0x6361_7461_6c6fL;

    private final JdbcClient jdbc;
    private final ReleasePeriods periods;
    private final PolicyService policies;
    private final DisclosureEngine engine;
    private final TableCounter counter;
    private final AuditLog audit;
    private final Receipts receipts;
    private final JsonMapper json;
    private final Clock clock;
    private final QueryRule rules;
    private final String nodeId;
    private final String country;

    CatalogueReleases(
            JdbcClient jdbc,
            ReleasePeriods periods,
            PolicyService policies,
            DisclosureEngine engine,
            TableCounter counter,
            AuditLog audit,
            Receipts receipts,
            JsonMapper json,
            Clock clock,
            ReleaseProperties release,
            org.tributary.node.config.NodeProperties node) {
        this.jdbc = jdbc;
        this.periods = periods;
        this.policies = policies;
        this.engine = engine;
        this.counter = counter;
        this.audit = audit;
        this.receipts = receipts;
        this.json = json;
        this.clock = clock;
        this.rules = QueryRules.standard();
        this.nodeId = ReleaseConfiguration.nodeId(release, node);
        this.country = node.country();
    }

    /** The current period's catalogue release, computed now if this period has none yet. */
    @Transactional
    public CatalogueRelease current() {
        DisclosurePolicy policy = policies.current().policy();
        if (policy.killSwitch()) {
            throw new ProblemException(ProblemType.RELEASE_DISABLED, RefusalReason.RELEASE_DISABLED.sentence());
        }
        String period = periods.current().id();
        Optional<CatalogueRelease> stored = stored(period);
        if (stored.isPresent()) {
            return stored.get();
        }
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(LOCK)
                .query(Object.class)
                .single();
        stored = stored(period);
        if (stored.isPresent()) {
            return stored.get();
        }
        long started = System.nanoTime();
        CatalogueRelease release = compute(period, policy);
        String body = json.writeValueAsString(release);
        String digest = ReleaseDigest.of(json.readValue(body, Object.class));
        var entry = audit.append(
                "node",
                "CATALOGUE_RELEASE",
                "{\"period\":\"" + period + "\",\"tables\":" + release.tables().size() + "}",
                digest,
                null);
        jdbc.sql("insert into catalogue_release (release_period, computed_at, policy_version, mode, body, digest,"
                        + " audit_seq) values (?, ?, ?, ?, ?::jsonb, ?, ?)")
                .params(
                        period,
                        Timestamp.from(release.computedAt()),
                        policy.version(),
                        policy.mode().name(),
                        body,
                        digest,
                        entry.seq())
                .update();
        log.info(
                "Catalogue release {} computed ({} mode, {} tables) in {} ms",
                period,
                policy.mode(),
                release.tables().size(),
                (System.nanoTime() - started) / 1_000_000);
        return release;
    }

    /** A release as it is served: with the receipt the node signs for it now. */
    public record Served(CatalogueRelease release, Receipt receipt) {}

    /** What a period's stored release is recorded as: the digest of what is served, and its audit entry. */
    private record Recorded(String digest, long seq, String entryHash) {}

    private final java.util.concurrent.ConcurrentMap<String, Recorded> recorded =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The current period's release with a fresh receipt: the audit entry that recorded the release, the chain's
     * head now, and the digest of the release exactly as it is served (computed once per period).
     */
    @Transactional
    public Served served() {
        CatalogueRelease release = current();
        // A period's release never changes (the database refuses it): its digest and entry are looked up once.
        Recorded r = recorded.computeIfAbsent(release.releasePeriod(), p -> record(release));
        return new Served(
                release,
                receipts.forStored(
                        "CATALOGUE_RELEASE",
                        r.seq(),
                        r.entryHash(),
                        r.digest(),
                        release.policyVersion(),
                        release.releasePeriod()));
    }

    private Recorded record(CatalogueRelease release) {
        String digest = ReleaseDigest.of(json.readValue(json.writeValueAsString(release), Object.class));
        var entry = jdbc.sql("select a.seq, a.hash from catalogue_release c join release_audit a"
                        + " on a.seq = c.audit_seq or (c.audit_seq is null and a.kind = 'CATALOGUE_RELEASE'"
                        + " and a.released_digest = c.digest) where c.release_period = ? order by a.seq limit 1")
                .param(release.releasePeriod())
                .query((rs, n) -> new AuditLog.Head(rs.getLong(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> new IllegalStateException("the catalogue release has no audit entry"));
        return new Recorded(digest, entry.seq(), entry.hash());
    }

    /** A period's stored release. */
    @Transactional(readOnly = true)
    public Optional<CatalogueRelease> stored(String period) {
        return jdbc.sql("select body::text from catalogue_release where release_period = ?")
                .param(period)
                .query(String.class)
                .optional()
                .map(body -> json.readValue(body, CatalogueRelease.class));
    }

    private CatalogueRelease compute(String period, DisclosurePolicy policy) {
        Instant now = clock.instant();
        Map<String, CatalogueRelease.Entry> entries = new LinkedHashMap<>();
        List<DisclosureEngine.LinkedInput> linked = new ArrayList<>();
        for (CatalogueTable table : CatalogueTables.all()) {
            var query = new CountQuery(table.dimensions(), table.filters(), null, null);
            if (policy.mode() == ReleaseMode.SUPPRESSION_ONLY && table.recodes() != null) {
                // Its cells are unions of another table's codes: the linked audit does not model that, so the table
                // is released under rounding only.
                entries.put(
                        table.id(),
                        new CatalogueRelease.Entry(table.id(), null, RefusalReason.TABLE_NOT_PROTECTABLE.name()));
                continue;
            }
            Decision admitted = engine.admit(query, policy, rules);
            if (admitted instanceof Decision.Refused refused) {
                entries.put(
                        table.id(),
                        new CatalogueRelease.Entry(
                                table.id(), null, refused.reason().name()));
                continue;
            }
            var counted = counter.count(query, policy.suppressZeros());
            if (counted.isEmpty()) {
                entries.put(
                        table.id(),
                        new CatalogueRelease.Entry(table.id(), null, RefusalReason.TABLE_NOT_PROTECTABLE.name()));
                continue;
            }
            if (policy.mode() == ReleaseMode.ROUNDING) {
                Release release = engine.protect(
                        query,
                        policy,
                        counted.get().population(),
                        counted.get().cells(),
                        counted.get().multiResponse());
                entries.put(table.id(), entry(table.id(), release, period));
            } else {
                entries.put(table.id(), null);
                Map<String, Set<String>> exclusive = new HashMap<>();
                for (String d : counted.get().multiResponse()) {
                    exclusive.put(d, Dimension.byId(d).orElseThrow().exclusiveCodes());
                }
                linked.add(new DisclosureEngine.LinkedInput(
                        table.id(),
                        query,
                        table.filters(),
                        counted.get().population(),
                        counted.get().cells(),
                        counted.get().multiResponse(),
                        exclusive));
            }
        }
        if (!linked.isEmpty()) {
            engine.protectLinked(linked, policy, earlierExactCells(period))
                    .forEach((id, release) -> entries.put(id, entry(id, release, period)));
        }
        return new CatalogueRelease(
                FederationContract.VERSION,
                nodeId,
                country,
                period,
                now,
                policy.version(),
                policy.mode(),
                policy.threshold(),
                policy.roundingBase(),
                policy.minShareBase(),
                engine.secretFingerprint(),
                List.copyOf(entries.values()));
    }

    private static CatalogueRelease.Entry entry(String id, Release release, String period) {
        if (release instanceof Release.Refusal refusal) {
            return new CatalogueRelease.Entry(id, null, refusal.reason().name());
        }
        return new CatalogueRelease.Entry(id, Wire.table((Release.Table) release, period), null);
    }

    /**
     * Every cell the earlier periods' catalogue releases published exactly, by key (the latest value where a key was
     * published more than once): what an attacker holding those releases knows.
     */
    private Map<CellKey, Long> earlierExactCells(String period) {
        Map<CellKey, Long> known = new HashMap<>();
        List<String> bodies = jdbc.sql("select body::text from catalogue_release where release_period <> ?"
                        + " and mode = 'SUPPRESSION_ONLY' order by computed_at")
                .param(period)
                .query(String.class)
                .list();
        for (String body : bodies) {
            CatalogueRelease earlier = json.readValue(body, CatalogueRelease.class);
            for (CatalogueRelease.Entry e : earlier.tables()) {
                var table = CatalogueTables.byId(e.tableId());
                if (e.table() == null || table.isEmpty()) {
                    continue;
                }
                List<String> dims = e.table().metadata().dimensions();
                for (TableCell c : e.table().cells()) {
                    if (c.status() != CellStatus.EXACT) {
                        continue;
                    }
                    List<String> at = new ArrayList<>();
                    for (String d : dims) {
                        String code = c.coordinates().get(d);
                        at.add(FederationContract.TOTAL.equals(code) ? null : code);
                    }
                    known.put(CellKey.of(table.get().filters(), dims, at), c.value());
                }
            }
        }
        return known;
    }
}

package org.tributary.node.cases;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.stereotype.Component;
import org.tributary.node.web.CaseViewer;

/**
 * Writes many cases at once inside the caller's transaction, so that a rollback leaves nothing behind. Cases
 * arrive in batches; for each batch one query finds which {@code externalRef}s the node already holds. New cases
 * stream through PostgreSQL {@code COPY} straight into the case table, their assistance, follow-ups and referrals
 * into theirs; known cases are staged and updated in one statement at the end, keeping their id and secret record
 * key, and their children are replaced.
 */
@Component
public class CaseBulkWriter {

    /** Cases per batch: large enough to amortise the round trips, small enough to keep the heap flat. */
    static final int BATCH = 10_000;

    private static final String CONTENT = CaseColumns.CONTENT_LIST;

    private final PersonalDataCodec personalData;
    private final SecureRandom random = new SecureRandom();

    private final javax.sql.DataSource dataSource;

    CaseBulkWriter(PersonalDataCodec personalData, javax.sql.DataSource dataSource) {
        this.personalData = personalData;
        this.dataSource = dataSource;
    }

    /**
     * Starts a bulk write in the caller's transaction (which must be open): on the transaction's own connection,
     * taken here, so that nobody hands this writer a connection of their own.
     */
    public Session open(String actor, Instant now) throws SQLException {
        return open(actor, now, null);
    }

    /**
     * As {@link #open(String, Instant)}, new cases that name no owner being {@code defaultOwner}'s (the importer's
     * username); a known case that names no owner keeps its own.
     */
    public Session open(String actor, Instant now, String defaultOwner) throws SQLException {
        if (!org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a bulk write runs in a transaction");
        }
        return new Session(
                org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource),
                actor,
                now,
                CaseViewer.normalise(defaultOwner));
    }

    /** How many cases a bulk write created and how many it updated. */
    public record Result(long inserted, long updated) {}

    /** One bulk write in progress. Not thread-safe: one thread adds. */
    public final class Session {
        private final Connection connection;
        private final CopyManager copy;
        private final String actor;
        private final Instant now;
        private final String defaultOwner;
        private final List<CaseRequest> batch = new ArrayList<>(BATCH);
        private final CopyText text = new CopyText();
        private boolean staging;
        private boolean optimistic = true;
        private long inserted;
        private long updated;

        private Session(Connection connection, String actor, Instant now, String defaultOwner) throws SQLException {
            this.connection = connection;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            this.actor = actor;
            this.now = now;
            this.defaultOwner = defaultOwner;
        }

        /** The owners (lower case; null for nobody's) of the known cases among these references. */
        public Map<String, String> owners(List<String> refs) throws SQLException {
            Map<String, String> owners = new HashMap<>();
            if (refs.isEmpty()) {
                return owners;
            }
            try (var s = connection.prepareStatement("select c.external_ref, lower(c.case_owner) from"
                    + " unnest(?::text[]) as r(ref) join cases c on c.external_ref = r.ref")) {
                s.setArray(1, connection.createArrayOf("text", refs.toArray()));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        owners.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return owners;
        }

        /**
         * Which of these references name a case that {@code username} neither owns nor is assigned to (need-to-know
         * for a case worker's import): one query, on this write's connection.
         */
        public java.util.Set<String> notVisibleTo(String username, List<String> refs) throws SQLException {
            java.util.Set<String> found = new java.util.HashSet<>();
            if (refs.isEmpty()) {
                return found;
            }
            try (var s = connection.prepareStatement("select c.external_ref from unnest(?::text[]) as r(ref)"
                    + " join cases c on c.external_ref = r.ref where lower(c.case_owner) is distinct from ?"
                    + " and not exists (select 1 from case_assignees a where a.case_id = c.id and a.username = ?)")) {
                s.setArray(1, connection.createArrayOf("text", refs.toArray()));
                s.setString(2, username);
                s.setString(3, username);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return found;
        }

        public void add(CaseRequest request) throws SQLException {
            batch.add(request);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        /** Writes what is left and applies the updates. Nothing is visible to others until the caller commits. */
        public Result finish() throws SQLException {
            flush();
            if (staging) {
                try (var s = connection.prepareStatement("update cases c set version = c.version + 1, updated_at = ?,"
                        + " updated_by = ?, " + assignAll() + " from import_updates u where c.id = u.id")) {
                    s.setObject(1, java.sql.Timestamp.from(now));
                    s.setString(2, actor);
                    s.executeUpdate();
                }
                try (Statement s = connection.createStatement()) {
                    s.execute("drop table import_updates");
                }
            }
            return new Result(inserted, updated);
        }

        /** Abandons the write; the caller rolls its transaction back. */
        public void abandon() {
            batch.clear();
        }

        private void flush() throws SQLException {
            if (batch.isEmpty()) {
                return;
            }
            try {
                write();
            } finally {
                text.cancel();
            }
            batch.clear();
        }

        private void write() throws SQLException {
            Map<String, UUID> known = Map.of();
            UUID[] ids = null;
            if (optimistic) {
                // Most imports bring new cases: try them as new, and look refs up only if one is known already.
                Savepoint savepoint = connection.setSavepoint();
                try {
                    ids = insertNew(known);
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    connection.rollback(savepoint);
                    optimistic = false;
                }
            }
            if (ids == null) {
                known = knownIds();
                if (!known.isEmpty()) {
                    replaceChildrenOf(known.values());
                    stageUpdates(known);
                }
                ids = insertNew(known);
            }
            inserted += batch.size() - known.size();
            updated += known.size();
            audit(ids, known);
            copy("assistance_events (case_id, service_type, stage, status, provider_type, start_date, end_date)");
            for (int i = 0; i < batch.size(); i++) {
                for (AssistanceDto a : batch.get(i).assistance()) {
                    text.field(ids[i])
                            .field(a.serviceType())
                            .field(a.stage())
                            .field(a.status())
                            .field(a.providerType())
                            .field(a.startDate())
                            .field(a.endDate())
                            .endRow();
                }
            }
            text.end();
            copy("follow_ups (case_id, followed_up_on, outcome, rss_economic, rss_social, rss_psychosocial,"
                    + " rss_composite)");
            for (int i = 0; i < batch.size(); i++) {
                for (FollowUpDto f : batch.get(i).followUps()) {
                    text.field(ids[i])
                            .field(f.date())
                            .field(f.outcome())
                            .field(f.rssEconomic())
                            .field(f.rssSocial())
                            .field(f.rssPsychosocial())
                            .field(f.rssComposite())
                            .endRow();
                }
            }
            text.end();
            copy("referrals (case_id, direction, referred_on, organisation, reason, details, cross_border)");
            for (int i = 0; i < batch.size(); i++) {
                for (ReferralDto f : batch.get(i).referrals()) {
                    text.field(ids[i])
                            .field(f.direction())
                            .field(f.date())
                            .field(f.organisation())
                            .field(f.reason())
                            .field(f.details())
                            .field(f.crossBorder())
                            .endRow();
                }
            }
            text.end();
        }

        /**
         * The case audit trail of the batch, one statement: {@code IMPORTED} for the new cases, {@code
         * IMPORT_REPLACED} for the known ones (their content replaced as a whole).
         */
        private void audit(UUID[] ids, Map<String, UUID> known) throws SQLException {
            UUID[] replaced = known.values().toArray(UUID[]::new);
            java.util.Set<UUID> old = new java.util.HashSet<>(known.values());
            UUID[] created =
                    java.util.Arrays.stream(ids).filter(id -> !old.contains(id)).toArray(UUID[]::new);
            try (var s = connection.prepareStatement("insert into case_audit (at, actor, action, case_id)"
                    + " select ?::timestamptz, ?::text, 'IMPORTED', unnest(?::uuid[])"
                    + " union all select ?::timestamptz, ?::text, 'IMPORT_REPLACED', unnest(?::uuid[])")) {
                java.sql.Timestamp at = java.sql.Timestamp.from(now);
                s.setTimestamp(1, at);
                s.setString(2, actor);
                s.setArray(3, connection.createArrayOf("uuid", created));
                s.setTimestamp(4, at);
                s.setString(5, actor);
                s.setArray(6, connection.createArrayOf("uuid", replaced));
                s.executeUpdate();
            }
        }

        /** Streams the batch's cases that are not in {@code known} into the case table; returns every case's id. */
        private UUID[] insertNew(Map<String, UUID> known) throws SQLException {
            // By position, not a map keyed by the request: hashing a whole case costs more than writing it.
            UUID[] ids = new UUID[batch.size()];
            copy("cases (" + CaseColumns.ALL_LIST + ")");
            try {
                for (int i = 0; i < batch.size(); i++) {
                    CaseRequest r = batch.get(i);
                    UUID existing = known.get(r.externalRef());
                    if (existing != null) {
                        ids[i] = existing;
                        continue;
                    }
                    UUID id = CaseIds.next();
                    ids[i] = id;
                    text.field(id)
                            .field(r.externalRef())
                            .field(random.nextInt())
                            .field(0)
                            .field(now)
                            .field(actor);
                    text.field(now).field(actor);
                    content(r, owner(r.caseOwner(), defaultOwner));
                    text.endRow();
                }
                text.end();
            } finally {
                text.cancel();
            }
            return ids;
        }

        private Map<String, UUID> knownIds() throws SQLException {
            Map<String, UUID> known = new HashMap<>();
            Array refs = connection.createArrayOf(
                    "text", batch.stream().map(CaseRequest::externalRef).toArray());
            try (var s = connection.prepareStatement(
                    // A join, not "= any(array)": a cached generic plan for the latter can scan the whole table
                    // comparing every row with every ref.
                    "select c.external_ref, c.id from unnest(?::text[]) as r(ref) join cases c on c.external_ref = r.ref")) {
                s.setArray(1, refs);
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        known.put(rs.getString(1), rs.getObject(2, UUID.class));
                    }
                }
            }
            return known;
        }

        private void replaceChildrenOf(java.util.Collection<UUID> caseIds) throws SQLException {
            Array ids = connection.createArrayOf("uuid", caseIds.toArray());
            for (String table : List.of("assistance_events", "follow_ups", "referrals")) {
                try (var s = connection.prepareStatement(
                        "delete from " + table + " t using unnest(?::uuid[]) as k(id) where t.case_id = k.id")) {
                    s.setArray(1, ids);
                    s.executeUpdate();
                }
            }
        }

        private void stageUpdates(Map<String, UUID> known) throws SQLException {
            if (!staging) {
                try (Statement s = connection.createStatement()) {
                    s.execute("create temp table import_updates on commit drop as select id, " + CONTENT
                            + " from cases with no data");
                }
                staging = true;
            }
            copy("import_updates (id, " + CONTENT + ")");
            for (CaseRequest r : batch) {
                UUID id = known.get(r.externalRef());
                if (id != null) {
                    text.field(id);
                    // No owner named: the case keeps its own (assignAll).
                    content(r, owner(r.caseOwner(), null));
                    text.endRow();
                }
            }
            text.end();
        }

        private static String owner(String named, String otherwise) {
            String owner = CaseViewer.normalise(named);
            return owner != null ? owner : otherwise;
        }

        /** The columns of {@link #CONTENT}, in order, with this owner. */
        private void content(CaseRequest r, String owner) {
            text.field(r.registeredOn())
                    .field(r.traffickingStatus())
                    .field(r.statusDecidedBy())
                    .field(r.identificationStage())
                    .field(r.identifyingOrgType())
                    .field(r.gender())
                    .field(r.effectiveBirthYear())
                    .field(r.ageAtIdentification())
                    .array(r.citizenship())
                    .field(r.countryOfExploitation())
                    .array(r.exploitationTypes())
                    .field(r.labourIndustry())
                    .array(r.sexExploitationTypes())
                    .array(r.meansOfControl())
                    .array(r.recruitmentMethods())
                    .field(r.relationshipToTrafficker())
                    .field(r.ageWhenTrafficked())
                    .field(r.informedOfEntitlements())
                    .field(r.informedOn())
                    .field(r.returnedOn())
                    .field(r.returnedTo())
                    .field(r.caseStatus())
                    .field(r.closureReason())
                    .field(r.consentToAggregateUse())
                    .field(owner)
                    .bytea(personalData.seal(r.personal(), r.externalRef()));
        }

        /** Opens a COPY into {@code target}; rows written to {@link #text} stream to the server as they come. */
        private void copy(String target) throws SQLException {
            text.begin(copy.copyIn("copy " + target + " from stdin"));
        }
    }

    private static String assignAll() {
        return CaseColumns.CONTENT.stream()
                .map(c -> c.equals("case_owner") ? c + " = coalesce(u." + c + ", c." + c + ")" : c + " = u." + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * PostgreSQL COPY text format (tab-separated, {@code \\N} for null, backslash escapes), streamed to the server
     * in 64 KB chunks so that the server works while the next rows are encoded.
     */
    static final class CopyText {
        private static final int CHUNK = 1 << 16;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK * 2);
        private final StringBuilder line = new StringBuilder(1024);
        private CopyIn sink;

        void begin(CopyIn copyIn) {
            sink = copyIn;
            out.reset();
            line.setLength(0);
        }

        CopyText field(Object value) {
            if (value == null) {
                line.append("\\N");
            } else if (value instanceof Enum<?> e) {
                line.append(e.name());
            } else {
                escape(value.toString());
            }
            line.append('\t');
            return this;
        }

        CopyText array(List<?> values) {
            // Codes and country codes are plain identifiers: no quoting needed inside the array literal.
            line.append('{');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                Object v = values.get(i);
                line.append(v instanceof Enum<?> e ? e.name() : v.toString());
            }
            line.append('}').append('\t');
            return this;
        }

        CopyText bytea(byte[] value) {
            if (value == null) {
                line.append("\\N");
            } else {
                // \x is bytea's hex input; the backslash itself is escaped for COPY.
                line.append("\\\\x").append(HexFormat.of().formatHex(value));
            }
            line.append('\t');
            return this;
        }

        void endRow() throws SQLException {
            line.setCharAt(line.length() - 1, '\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
            line.setLength(0);
            if (out.size() >= CHUNK) {
                send();
            }
        }

        /** Sends what is left and ends the COPY; the server has then applied every row. */
        void end() throws SQLException {
            send();
            sink.endCopy();
        }

        /** Abandons a COPY that did not end (the caller rolls back). */
        void cancel() {
            if (sink != null && sink.isActive()) {
                try {
                    sink.cancelCopy();
                } catch (SQLException ignored) {
                    // the statement is failing anyway
                }
            }
        }

        private void send() throws SQLException {
            if (out.size() > 0) {
                sink.writeToCopy(out.toByteArray(), 0, out.size());
                out.reset();
            }
        }

        private void escape(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        }
    }
}

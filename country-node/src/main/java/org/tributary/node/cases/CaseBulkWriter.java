package org.tributary.node.cases;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes many cases at once: rows stream through PostgreSQL {@code COPY} into a temporary staging table, and a
 * few set-based statements merge them into the case store, inserting new {@code externalRef}s and updating known
 * ones (keeping their id and secret record key). Runs inside the caller's transaction, so a rollback leaves
 * nothing behind.
 */
@Component
public class CaseBulkWriter {

    private static final String STAGE = "create temp table import_stage ("
            + " id uuid, external_ref text, record_key integer, registered_on date, trafficking_status text,"
            + " status_decided_by text, identification_stage text, identifying_org_type text, gender text,"
            + " birth_year integer, age_at_identification integer, citizenship text[], country_of_exploitation text,"
            + " exploitation_types text[], labour_industry text, sex_exploitation_types text[],"
            + " means_of_control text[], recruitment_methods text[], relationship_to_trafficker text,"
            + " age_when_trafficked integer, informed_of_entitlements boolean, informed_on date, returned_on date,"
            + " returned_to text, case_status text, closure_reason text, consent_to_aggregate_use boolean,"
            + " case_owner text, personal_data bytea, assistance jsonb, follow_ups jsonb, referrals jsonb"
            + ") on commit drop";

    private static final String CONTENT = "registered_on, trafficking_status, status_decided_by,"
            + " identification_stage, identifying_org_type, gender, birth_year, age_at_identification, citizenship,"
            + " country_of_exploitation, exploitation_types, labour_industry, sex_exploitation_types,"
            + " means_of_control, recruitment_methods, relationship_to_trafficker, age_when_trafficked,"
            + " informed_of_entitlements, informed_on, returned_on, returned_to, case_status, closure_reason,"
            + " consent_to_aggregate_use, case_owner, personal_data";

    private final PersonalDataCodec personalData;
    private final JsonMapper json;
    private final SecureRandom random = new SecureRandom();

    CaseBulkWriter(PersonalDataCodec personalData, JsonMapper json) {
        this.personalData = personalData;
        this.json = json;
    }

    /** Starts a bulk write on {@code connection}, which must be in a transaction. */
    public Session open(Connection connection, String actor, Instant now) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(STAGE);
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy import_stage from stdin");
        return new Session(connection, copy, actor, now);
    }

    /** How many cases a bulk write created and how many it updated. */
    public record Result(long inserted, long updated) {}

    /** One bulk write in progress. */
    public final class Session {
        private static final int FLUSH_BYTES = 1 << 16;
        private final Connection connection;
        private final CopyIn copy;
        private final String actor;
        private final Instant now;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES * 2);
        private final StringBuilder line = new StringBuilder(1024);

        private Session(Connection connection, CopyIn copy, String actor, Instant now) {
            this.connection = connection;
            this.copy = copy;
            this.actor = actor;
            this.now = now;
        }

        public void add(CaseRequest r) throws SQLException {
            line.setLength(0);
            field(UUID.randomUUID().toString());
            field(r.externalRef());
            field(Integer.toString(random.nextInt()));
            field(r.registeredOn());
            field(CaseRepository.name(r.traffickingStatus()));
            field(CaseRepository.name(r.statusDecidedBy()));
            field(CaseRepository.name(r.identificationStage()));
            field(CaseRepository.name(r.identifyingOrgType()));
            field(CaseRepository.name(r.gender()));
            field(r.effectiveBirthYear());
            field(r.ageAtIdentification());
            array(r.citizenship());
            field(r.countryOfExploitation());
            array(r.exploitationTypes());
            field(CaseRepository.name(r.labourIndustry()));
            array(r.sexExploitationTypes());
            array(r.meansOfControl());
            array(r.recruitmentMethods());
            field(CaseRepository.name(r.relationshipToTrafficker()));
            field(r.ageWhenTrafficked());
            field(r.informedOfEntitlements());
            field(r.informedOn());
            field(r.returnedOn());
            field(r.returnedTo());
            field(CaseRepository.name(r.caseStatus()));
            field(r.closureReason());
            field(r.consentToAggregateUse());
            field(r.caseOwner());
            byte[] sealed = personalData.seal(r.personal(), r.externalRef());
            field(sealed == null ? null : "\\x" + HexFormat.of().formatHex(sealed));
            field(r.assistance().isEmpty() ? null : json.writeValueAsString(r.assistance()));
            field(r.followUps().isEmpty() ? null : json.writeValueAsString(r.followUps()));
            field(r.referrals().isEmpty() ? null : json.writeValueAsString(r.referrals()));
            line.setCharAt(line.length() - 1, '\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            buffer.write(bytes, 0, bytes.length);
            if (buffer.size() >= FLUSH_BYTES) {
                flush();
            }
        }

        /**
         * Ends the stream and merges the staged cases into the store. Nothing is visible to others until the
         * caller's transaction commits.
         */
        public Result merge() throws SQLException {
            endCopy();
            Timestamp at = Timestamp.from(now);
            try (var s = connection.prepareStatement("create temp table import_result on commit drop as"
                    + " with upserted as (insert into cases (id, external_ref, record_key, version, created_at,"
                    + " created_by, updated_at, updated_by, " + CONTENT + ")"
                    + " select id, external_ref, record_key, 0, ?, ?, ?, ?, " + CONTENT + " from import_stage"
                    + " on conflict (external_ref) do update set version = cases.version + 1,"
                    + " updated_at = excluded.updated_at, updated_by = excluded.updated_by, "
                    + updateAll() + " returning id, external_ref, (xmax = 0) as inserted)"
                    + " select * from upserted")) {
                s.setTimestamp(1, at);
                s.setString(2, actor);
                s.setTimestamp(3, at);
                s.setString(4, actor);
                s.executeUpdate();
            }
            long inserted;
            long updated;
            try (var s = connection.createStatement()) {
                for (String table : List.of("assistance_events", "follow_ups", "referrals")) {
                    s.executeUpdate("delete from " + table + " t using import_result r"
                            + " where t.case_id = r.id and not r.inserted");
                }
                s.executeUpdate("insert into assistance_events (case_id, service_type, stage, status, provider_type,"
                        + " start_date, end_date) select r.id, x.\"serviceType\", x.stage, x.status, x.\"providerType\","
                        + " x.\"startDate\", x.\"endDate\" from import_stage s join import_result r using (external_ref)"
                        + " cross join jsonb_to_recordset(s.assistance) as x(\"serviceType\" text, stage text,"
                        + " status text, \"providerType\" text, \"startDate\" date, \"endDate\" date)"
                        + " where s.assistance is not null");
                s.executeUpdate("insert into follow_ups (case_id, followed_up_on, outcome, rss_economic, rss_social,"
                        + " rss_psychosocial, rss_composite) select r.id, x.date, x.outcome, x.\"rssEconomic\","
                        + " x.\"rssSocial\", x.\"rssPsychosocial\", x.\"rssComposite\" from import_stage s"
                        + " join import_result r using (external_ref) cross join jsonb_to_recordset(s.follow_ups)"
                        + " as x(date date, outcome text, \"rssEconomic\" numeric, \"rssSocial\" numeric,"
                        + " \"rssPsychosocial\" numeric, \"rssComposite\" numeric) where s.follow_ups is not null");
                s.executeUpdate("insert into referrals (case_id, direction, referred_on, organisation, reason, details,"
                        + " cross_border) select r.id, x.direction, x.date, x.organisation, x.reason, x.details,"
                        + " coalesce(x.\"crossBorder\", false) from import_stage s join import_result r using (external_ref)"
                        + " cross join jsonb_to_recordset(s.referrals) as x(direction text, date date,"
                        + " organisation text, reason text, details text, \"crossBorder\" boolean)"
                        + " where s.referrals is not null");
                try (var audit = connection.prepareStatement("insert into case_audit (at, actor, action, case_id)"
                        + " select ?, ?, case when inserted then 'IMPORTED' else 'IMPORT_UPDATED' end, id"
                        + " from import_result")) {
                    audit.setTimestamp(1, at);
                    audit.setString(2, actor);
                    audit.executeUpdate();
                }
                try (var rs =
                        s.executeQuery("select count(*) filter (where inserted), count(*) filter (where not inserted)"
                                + " from import_result")) {
                    rs.next();
                    inserted = rs.getLong(1);
                    updated = rs.getLong(2);
                }
                s.execute("drop table import_result");
                s.execute("drop table import_stage");
            }
            return new Result(inserted, updated);
        }

        /** Abandons the stream; the caller rolls its transaction back. */
        public void abandon() {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is rolled back anyway
                }
            }
        }

        private void endCopy() throws SQLException {
            flush();
            copy.endCopy();
        }

        private void flush() throws SQLException {
            if (buffer.size() > 0) {
                copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                buffer.reset();
            }
        }

        private void field(Object value) {
            if (value == null) {
                line.append("\\N");
            } else {
                escape(value.toString());
            }
            line.append('\t');
        }

        private void array(List<?> values) {
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

    private static String updateAll() {
        StringBuilder set = new StringBuilder();
        for (String column : CONTENT.split(",")) {
            String c = column.strip();
            if (!set.isEmpty()) {
                set.append(", ");
            }
            set.append(c).append(" = excluded.").append(c);
        }
        return set.toString();
    }
}

package org.tributary.node.cases;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.AssistanceStatus;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.ExploitationType;
import org.tributary.common.codes.Gender;
import org.tributary.common.codes.IdentificationStage;
import org.tributary.common.codes.LabourIndustry;
import org.tributary.common.codes.MeansOfControl;
import org.tributary.common.codes.OrgType;
import org.tributary.common.codes.RecruitmentMethod;
import org.tributary.common.codes.ReferralDirection;
import org.tributary.common.codes.ReferralReason;
import org.tributary.common.codes.RelationshipToTrafficker;
import org.tributary.common.codes.ServiceType;
import org.tributary.common.codes.SexExploitationType;
import org.tributary.common.codes.StatusDecisionOrg;
import org.tributary.common.codes.TraffickingStatus;
import org.tributary.node.web.CaseViewer;

/** Single-case reads and writes on PostgreSQL. Bulk writes go through {@link CaseBulkWriter}. */
@Repository
class CaseRepository {

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean existsByExternalRef(String externalRef) {
        return jdbc.sql("select exists(select 1 from cases where external_ref = ?)")
                .param(externalRef)
                .query(Boolean.class)
                .single();
    }

    void insert(CaseRecord c) {
        jdbc.sql("insert into cases (" + CaseColumns.ALL_LIST + ") values (" + CaseColumns.ALL_PLACEHOLDERS + ")")
                .params(values(c))
                .update();
        insertChildren(c);
    }

    /** Writes {@code c} if the stored version is still {@code expectedVersion}; false if someone was first. */
    boolean update(CaseRecord c, long expectedVersion) {
        List<Object> params = new ArrayList<>(values(c).subList(CaseColumns.HEAD.size(), CaseColumns.ALL.size()));
        params.add(0, c.externalRef());
        params.add(1, c.updatedAt() == null ? null : Timestamp.from(c.updatedAt()));
        params.add(2, c.updatedBy());
        params.add(c.id());
        params.add(expectedVersion);
        int rows = jdbc.sql("update cases set external_ref = ?, updated_at = ?, updated_by = ?, version = version + 1, "
                        + CaseColumns.CONTENT_ASSIGNMENTS + " where id = ? and version = ?")
                .params(params)
                .update();
        if (rows == 0) {
            return false;
        }
        for (String table : List.of("assistance_events", "follow_ups", "referrals")) {
            jdbc.sql("delete from " + table + " where case_id = ?")
                    .param(c.id())
                    .update();
        }
        insertChildren(c);
        return true;
    }

    Optional<CaseRecord> findById(UUID id) {
        return jdbc.sql("select " + CaseColumns.ALL_LIST + " from cases where id = ?")
                .param(id)
                .query((rs, n) -> read(rs))
                .optional()
                .map(this::withChildren);
    }

    List<CaseRecord> list(CaseFilter filter, int page, int size) {
        var where = filter.where();
        return jdbc.sql("select " + CaseColumns.ALL_LIST + " from cases" + where.sql()
                        + " order by created_at, id limit ? offset ?")
                .params(where.params())
                .param(size)
                .param((long) page * size)
                .query((rs, n) -> read(rs))
                .list();
    }

    long count(CaseFilter filter) {
        var where = filter.where();
        return jdbc.sql("select count(*) from cases" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    boolean delete(UUID id) {
        return jdbc.sql("delete from cases where id = ?").param(id).update() == 1;
    }

    void audit(Instant at, String actor, CaseAuditEntry entry) {
        jdbc.sql("insert into case_audit (at, actor, action, case_id, detail) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(at), actor, entry.action(), entry.caseId(), entry.detail())
                .update();
    }

    /** Whether {@code viewer} may see the case: a supervisor always, a case worker if they own or are assigned it. */
    boolean isVisible(UUID id, CaseViewer viewer) {
        if (viewer.supervisor()) {
            return true;
        }
        if (viewer.username() == null) {
            return false;
        }
        return jdbc.sql("select exists(select 1 from cases where id = ? and lower(case_owner) = ?)"
                        + " or exists(select 1 from case_assignees where case_id = ? and username = ?)")
                .params(id, viewer.username(), id, viewer.username())
                .query(Boolean.class)
                .single();
    }

    /** The case workers assigned to a case besides its owner, sorted. */
    List<String> assignees(UUID id) {
        return jdbc.sql("select username from case_assignees where case_id = ? order by username")
                .param(id)
                .query(String.class)
                .list();
    }

    /** Sets the owner and the assignees as the next version; false if {@code expectedVersion} is stale. */
    boolean assign(UUID id, String owner, List<String> assignees, long expectedVersion, Instant at, String actor) {
        int rows = jdbc.sql("update cases set case_owner = ?, version = version + 1, updated_at = ?, updated_by = ?"
                        + " where id = ? and version = ?")
                .params(owner, Timestamp.from(at), actor, id, expectedVersion)
                .update();
        if (rows == 0) {
            return false;
        }
        jdbc.sql("delete from case_assignees where case_id = ?").param(id).update();
        for (String username : assignees) {
            jdbc.sql("insert into case_assignees (case_id, username, assigned_at, assigned_by) values (?, ?, ?, ?)")
                    .params(id, username, Timestamp.from(at), actor)
                    .update();
        }
        return true;
    }

    /** What the case audit trail holds of one case, oldest first: who did what when, and which fields changed. */
    List<CaseHistory.Entry> history(UUID id) {
        return jdbc.sql("select at, actor, action, detail from case_audit where case_id = ? order by id")
                .param(id)
                .query((rs, n) -> new CaseHistory.Entry(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        CaseAuditEntry.fields(rs.getString("detail"))))
                .list();
    }

    private void insertChildren(CaseRecord c) {
        for (var a : c.assistance()) {
            jdbc.sql("insert into assistance_events (case_id, service_type, stage, status, provider_type, start_date,"
                            + " end_date) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            c.id(),
                            a.serviceType().name(),
                            a.stage().name(),
                            a.status().name(),
                            name(a.providerType()),
                            a.startDate(),
                            a.endDate())
                    .update();
        }
        for (var f : c.followUps()) {
            jdbc.sql("insert into follow_ups (case_id, followed_up_on, outcome, rss_economic, rss_social,"
                            + " rss_psychosocial, rss_composite) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            c.id(),
                            f.date(),
                            f.outcome(),
                            f.rssEconomic(),
                            f.rssSocial(),
                            f.rssPsychosocial(),
                            f.rssComposite())
                    .update();
        }
        for (var r : c.referrals()) {
            jdbc.sql("insert into referrals (case_id, direction, referred_on, organisation, reason, details,"
                            + " cross_border) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            c.id(),
                            r.direction().name(),
                            r.date(),
                            r.organisation(),
                            name(r.reason()),
                            r.details(),
                            r.crossBorder())
                    .update();
        }
    }

    private CaseRecord withChildren(CaseRecord c) {
        var assistance = jdbc.sql("select service_type, stage, status, provider_type, start_date, end_date"
                        + " from assistance_events where case_id = ? order by id")
                .param(c.id())
                .query((rs, n) -> new CaseRecord.Assistance(
                        ServiceType.valueOf(rs.getString(1)),
                        AssistanceStage.valueOf(rs.getString(2)),
                        AssistanceStatus.valueOf(rs.getString(3)),
                        code(OrgType.class, rs.getString(4)),
                        rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class)))
                .list();
        var followUps = jdbc.sql("select followed_up_on, outcome, rss_economic, rss_social, rss_psychosocial,"
                        + " rss_composite from follow_ups where case_id = ? order by id")
                .param(c.id())
                .query((rs, n) -> new CaseRecord.FollowUp(
                        rs.getObject(1, LocalDate.class),
                        rs.getString(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getBigDecimal(5),
                        rs.getBigDecimal(6)))
                .list();
        var referrals = jdbc.sql("select direction, referred_on, organisation, reason, details, cross_border"
                        + " from referrals where case_id = ? order by id")
                .param(c.id())
                .query((rs, n) -> new CaseRecord.Referral(
                        ReferralDirection.valueOf(rs.getString(1)),
                        rs.getObject(2, LocalDate.class),
                        rs.getString(3),
                        code(ReferralReason.class, rs.getString(4)),
                        rs.getString(5),
                        rs.getBoolean(6)))
                .list();
        return c.withChildren(assistance, followUps, referrals);
    }

    /** The values of {@link CaseColumns#ALL}, in order. */
    static List<Object> values(CaseRecord c) {
        return Arrays.asList(
                c.id(),
                c.externalRef(),
                c.recordKey(),
                c.version(),
                Timestamp.from(c.createdAt()),
                c.createdBy(),
                Timestamp.from(c.updatedAt()),
                c.updatedBy(),
                c.registeredOn(),
                name(c.traffickingStatus()),
                name(c.statusDecidedBy()),
                name(c.identificationStage()),
                name(c.identifyingOrgType()),
                name(c.gender()),
                c.birthYear(),
                c.ageAtIdentification(),
                c.citizenship().toArray(String[]::new),
                c.countryOfExploitation(),
                names(c.exploitationTypes()),
                name(c.labourIndustry()),
                names(c.sexExploitationTypes()),
                names(c.meansOfControl()),
                names(c.recruitmentMethods()),
                name(c.relationshipToTrafficker()),
                c.ageWhenTrafficked(),
                c.informedOfEntitlements(),
                c.informedOn(),
                c.returnedOn(),
                c.returnedTo(),
                name(c.caseStatus()),
                c.closureReason(),
                c.consentToAggregateUse(),
                c.caseOwner(),
                c.personalData());
    }

    private static CaseRecord read(ResultSet rs) throws SQLException {
        return new CaseRecord(
                rs.getObject("id", UUID.class),
                rs.getString("external_ref"),
                rs.getInt("record_key"),
                rs.getLong("version"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"),
                rs.getObject("registered_on", LocalDate.class),
                TraffickingStatus.valueOf(rs.getString("trafficking_status")),
                code(StatusDecisionOrg.class, rs.getString("status_decided_by")),
                code(IdentificationStage.class, rs.getString("identification_stage")),
                code(OrgType.class, rs.getString("identifying_org_type")),
                code(Gender.class, rs.getString("gender")),
                (Integer) rs.getObject("birth_year"),
                (Integer) rs.getObject("age_at_identification"),
                strings(rs.getArray("citizenship"), Function.identity()),
                trim(rs.getString("country_of_exploitation")),
                strings(rs.getArray("exploitation_types"), ExploitationType::valueOf),
                code(LabourIndustry.class, rs.getString("labour_industry")),
                strings(rs.getArray("sex_exploitation_types"), SexExploitationType::valueOf),
                strings(rs.getArray("means_of_control"), MeansOfControl::valueOf),
                strings(rs.getArray("recruitment_methods"), RecruitmentMethod::valueOf),
                code(RelationshipToTrafficker.class, rs.getString("relationship_to_trafficker")),
                (Integer) rs.getObject("age_when_trafficked"),
                (Boolean) rs.getObject("informed_of_entitlements"),
                rs.getObject("informed_on", LocalDate.class),
                rs.getObject("returned_on", LocalDate.class),
                trim(rs.getString("returned_to")),
                CaseStatus.valueOf(rs.getString("case_status")),
                rs.getString("closure_reason"),
                (Boolean) rs.getObject("consent_to_aggregate_use"),
                rs.getString("case_owner"),
                rs.getBytes("personal_data"),
                List.of(),
                List.of(),
                List.of());
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static <T> List<T> strings(Array array, Function<String, T> parse) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((String[]) array.getArray()).map(parse).toList();
    }

    private static <E extends Enum<E>> E code(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    static String[] names(List<? extends Enum<?>> list) {
        return list.stream().map(Enum::name).toArray(String[]::new);
    }

    /**
     * Filters of the case list; each maps to an indexed column.
     *
     * @param visibleTo a case worker's username: only the cases they own or are assigned to; null for a supervisor
     */
    record CaseFilter(
            CaseStatus status, Integer year, String citizenship, IdentificationStage stage, String visibleTo) {

        CaseFilter(CaseStatus status, Integer year, String citizenship, IdentificationStage stage) {
            this(status, year, citizenship, stage, null);
        }

        /** This filter as {@code viewer} may use it: a case worker's list holds only their cases. */
        CaseFilter seenBy(CaseViewer viewer) {
            if (viewer.supervisor()) {
                return new CaseFilter(status, year, citizenship, stage, null);
            }
            // No username: nobody's cases (the empty string is no realm username).
            return new CaseFilter(status, year, citizenship, stage, viewer.username() == null ? "" : viewer.username());
        }

        record Where(String sql, List<Object> params) {}

        Where where() {
            List<String> clauses = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            if (status != null) {
                clauses.add("case_status = ?");
                params.add(status.name());
            }
            if (year != null) {
                clauses.add("registration_year = ?");
                params.add(year);
            }
            if (citizenship != null) {
                clauses.add("citizenship @> array[?]::text[]");
                params.add(citizenship);
            }
            if (stage != null) {
                clauses.add("identification_stage = ?");
                params.add(stage.name());
            }
            if (visibleTo != null) {
                clauses.add("(lower(case_owner) = ? or id in (select case_id from case_assignees where username = ?))");
                params.add(visibleTo);
                params.add(visibleTo);
            }
            if (clauses.isEmpty()) {
                return new Where("", List.of());
            }
            return new Where(" where " + String.join(" and ", clauses), params);
        }
    }
}

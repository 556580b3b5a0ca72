package org.tributary.node.release;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.tributary.common.codes.AgeBand;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.CodeLists;
import org.tributary.common.codes.Countries;
import org.tributary.common.codes.Country;
import org.tributary.common.codes.ExploitationType;
import org.tributary.common.codes.IdentificationStage;
import org.tributary.common.codes.LabourIndustry;
import org.tributary.common.codes.ServiceType;
import org.tributary.common.codes.TraffickingStatus;

/**
 * The dimension catalogue of the release API: coarse by design (years not dates, age bands not ages, countries
 * not places). Each dimension is a SQL expression over a case ({@code c}) and, where it needs assistance or
 * follow-up facts, the per-case facts ({@code f}, {@code fu}). A multi-response dimension is an array: one person
 * may count in several of its cells. {@code _U} is "unknown / not recorded".
 */
enum Dimension {
    year(false, Needs.NONE, "coalesce(c.registration_year::text, '_U')", years()),
    citizenship(true, Needs.NONE, "coalesce(nullif(c.citizenship, '{}'), array['_U'])", countries()),
    countryOfExploitation(false, Needs.NONE, "coalesce(trim(c.country_of_exploitation), '_U')", countries()),
    gender(
            false,
            Needs.NONE,
            "case c.gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end",
            List.of("F", "M", "X")),
    ageBand(
            false,
            Needs.NONE,
            ageBandSql(),
            withUnknown(Arrays.stream(AgeBand.values()).map(AgeBand::label).toList())),
    childAdult(
            false,
            Needs.NONE,
            "case when c.age_at_identification is null then '_U' when c.age_at_identification < 18 then 'child'"
                    + " else 'adult' end",
            List.of("child", "adult", "_U")),
    exploitationType(
            true,
            Needs.NONE,
            "coalesce(nullif(c.exploitation_types, '{}'), array['_U'])",
            withUnknown(CodeLists.codes(ExploitationType.class))),
    labourIndustry(
            false, Needs.NONE, "coalesce(c.labour_industry, '_U')", withUnknown(CodeLists.codes(LabourIndustry.class))),
    identificationStage(
            false,
            Needs.NONE,
            "coalesce(c.identification_stage, '_U')",
            withUnknown(CodeLists.codes(IdentificationStage.class))),
    traffickingStatus(false, Needs.NONE, "c.trafficking_status", CodeLists.codes(TraffickingStatus.class)),
    caseStatus(false, Needs.NONE, "c.case_status", CodeLists.codes(CaseStatus.class)),
    informedOfEntitlements(false, Needs.NONE, yesNoUnknown("c.informed_of_entitlements"), List.of("yes", "no", "_U")),
    returned(false, Needs.NONE, "case when c.returned_on is null then 'no' else 'yes' end", List.of("yes", "no")),
    assistedAtDestination(false, Needs.ASSISTANCE, yesNo("f.dest_assisted"), List.of("yes", "no")),
    assistanceOfferedAtDestination(false, Needs.ASSISTANCE, yesNo("f.dest_offered"), List.of("yes", "no")),
    assistanceDeclined(false, Needs.ASSISTANCE, yesNo("f.declined"), List.of("yes", "no")),
    destinationService(true, Needs.ASSISTANCE, "coalesce(f.dest_services, array['None'])", services()),
    reintegrationService(false, Needs.ASSISTANCE, yesNo("f.reintegration_core"), List.of("yes", "no")),
    originService(true, Needs.ASSISTANCE, "coalesce(f.origin_services, array['None'])", services()),
    daysToFirstService(
            false,
            Needs.ASSISTANCE,
            "case when f.first_service is null or c.registered_on is null then 'none'"
                    + " when f.first_service - c.registered_on <= 7 then '0-7'"
                    + " when f.first_service - c.registered_on <= 30 then '8-30'"
                    + " when f.first_service - c.registered_on <= 90 then '31-90' else '>90' end",
            List.of("0-7", "8-30", "31-90", ">90", "none")),
    followUpWithin12Months(
            false,
            Needs.FOLLOW_UP,
            "case when fu.first_follow_up is not null and fu.first_follow_up"
                    + " <= greatest(c.registered_on, c.returned_on) + 365 then 'yes' else 'no' end",
            List.of("yes", "no"));

    /** Which per-case facts a dimension reads. */
    enum Needs {
        NONE,
        ASSISTANCE,
        FOLLOW_UP
    }

    final boolean multiResponse;
    final Needs needs;
    /** A text expression, or for a multi-response dimension a text[] expression. */
    final String sql;

    final List<String> codes;

    /**
     * Codes of a multi-response dimension that a person has only alone: "not recorded" and "no service" exclude
     * every other code (an attacker knows it, so the linked suppression does too).
     */
    java.util.Set<String> exclusiveCodes() {
        if (!multiResponse) {
            return java.util.Set.of();
        }
        return codes.contains("None")
                ? java.util.Set.of("None")
                : java.util.Set.of(org.tributary.common.federation.FederationContract.UNKNOWN);
    }

    /** The column of the {@code case_cells} table (V3 migration) holding this dimension, if it has one. */
    String cellColumn() {
        return switch (this) {
            case year -> "year";
            case gender -> "gender";
            case ageBand -> "age_band";
            case childAdult -> "child_adult";
            case identificationStage -> "identification_stage";
            case traffickingStatus -> "trafficking_status";
            case caseStatus -> "case_status";
            case countryOfExploitation -> "country_of_exploitation";
            default -> null;
        };
    }

    Dimension(boolean multiResponse, Needs needs, String sql, List<String> codes) {
        this.multiResponse = multiResponse;
        this.needs = needs;
        this.sql = sql;
        this.codes = List.copyOf(new LinkedHashSet<>(codes));
    }

    static Optional<Dimension> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.name().equals(id)).findFirst();
    }

    /** Every dimension with its codes, for the query rules. */
    static Map<String, Set<String>> codeSets() {
        return Arrays.stream(values()).collect(Collectors.toMap(Enum::name, d -> Set.copyOf(d.codes)));
    }

    private static String yesNo(String booleanSql) {
        return "case when coalesce(" + booleanSql + ", false) then 'yes' else 'no' end";
    }

    private static String yesNoUnknown(String booleanSql) {
        return "case when " + booleanSql + " is null then '_U' when " + booleanSql + " then 'yes' else 'no' end";
    }

    private static String ageBandSql() {
        StringBuilder sql = new StringBuilder("case when c.age_at_identification is null then '_U'");
        for (AgeBand band : AgeBand.values()) {
            sql.append(" when c.age_at_identification <= ")
                    .append(Math.min(band.to(), 1000))
                    .append(" then '")
                    .append(band.label())
                    .append('\'');
        }
        return sql.append(" end").toString();
    }

    private static List<String> years() {
        return withUnknown(IntStream.rangeClosed(
                        org.tributary.common.federation.FederationContract.FIRST_YEAR,
                        org.tributary.common.federation.FederationContract.LAST_YEAR)
                .mapToObj(Integer::toString)
                .toList());
    }

    private static List<String> countries() {
        return withUnknown(Countries.all().stream().map(Country::alpha2).toList());
    }

    private static List<String> services() {
        List<String> codes = new ArrayList<>(CodeLists.codes(ServiceType.class));
        codes.add("None");
        return codes;
    }

    private static List<String> withUnknown(List<String> codes) {
        List<String> out = new ArrayList<>(codes);
        out.add(org.tributary.common.federation.FederationContract.UNKNOWN);
        return out;
    }
}

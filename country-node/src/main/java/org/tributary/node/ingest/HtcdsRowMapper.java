package org.tributary.node.ingest;

import static org.tributary.node.ingest.HtcdsColumns.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.AssistanceStatus;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.CodeList;
import org.tributary.common.codes.CodeLists;
import org.tributary.common.codes.Countries;
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
import org.tributary.common.codes.UnknownCodeException;
import org.tributary.common.problem.FieldError;
import org.tributary.node.cases.AssistanceDto;
import org.tributary.node.cases.CaseRequest;
import org.tributary.node.cases.CaseRules;
import org.tributary.node.cases.FollowUpDto;
import org.tributary.node.cases.PersonalDetails;
import org.tributary.node.cases.ReferralDto;
import org.tributary.node.pii.PiiCipher;

/**
 * Turns one row of an HTCDS-shaped file (field name to text) into a {@link CaseRequest}, checking every value
 * against the code lists and then against the same Bean Validation rules as the case API. Every problem of the
 * row is reported, not just the first.
 */
@Component
class HtcdsRowMapper {

    /** Excel's own limit for a cell; anything longer is not a value a person typed. */
    static final int MAX_CELL_CHARS = 32_767;

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    /** Day, month, four-digit year, separated by {@code /}, {@code -} or {@code .} (the same one twice). */
    private static final java.util.regex.Pattern DAY_FIRST =
            java.util.regex.Pattern.compile("(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})");

    /** Bean Validation property paths, as columns, so that errors name what the person sees in the file. */
    private static final Map<String, String> COLUMN_OF = Map.ofEntries(
            Map.entry("externalRef", EXTERNAL_REF),
            Map.entry("registeredOn", REGISTERED_ON),
            Map.entry("traffickingStatus", TRAFFICKING_STATUS),
            Map.entry("birthYear", BIRTH_YEAR),
            Map.entry("birthYearNotInFuture", BIRTH_YEAR),
            Map.entry("ageAtIdentification", AGE_AT_IDENTIFICATION),
            Map.entry("countryOfExploitation", COUNTRY_OF_EXPLOITATION),
            Map.entry("ageWhenTrafficked", AGE_WHEN_TRAFFICKED),
            Map.entry("informedOn", INFORMED_ON),
            Map.entry("returnedOn", RETURNED_ON),
            Map.entry("returnedTo", RETURNED_TO),
            Map.entry("caseStatus", CASE_STATUS),
            Map.entry("closureReason", CLOSURE_REASON),
            Map.entry("caseOwner", CASE_OWNER),
            Map.entry("personal.salutation", SALUTATION),
            Map.entry("personal.firstName", FIRST_NAME),
            Map.entry("personal.secondName", SECOND_NAME),
            Map.entry("personal.title", TITLE),
            Map.entry("personal.birthDate", BIRTHDATE),
            Map.entry("personal.email", EMAIL),
            Map.entry("personal.homePhone", HOME_PHONE),
            Map.entry("personal.mobilePhone", MOBILE_PHONE),
            Map.entry("personal.mailingStreet", MAILING_STREET),
            Map.entry("personal.mailingCity", MAILING_CITY),
            Map.entry("personal.mailingState", MAILING_STATE),
            Map.entry("personal.mailingPostalCode", MAILING_POSTAL_CODE),
            Map.entry("personal.mailingCountry", MAILING_COUNTRY),
            Map.entry("personal.idNumber", ID_NUMBER));

    private final CaseRules rules;
    private final PiiCipher pii;

    HtcdsRowMapper(CaseRules rules, PiiCipher pii) {
        this.rules = rules;
        this.pii = pii;
    }

    SourceRow map(long row, Map<String, String> values) {
        return map(row, values, List.of(), List.of());
    }

    /**
     * A case row, with its rows of the template's assistance and follow-up sheets (field name to value, as
     * {@link ImportTemplate#ASSISTANCE_COLUMNS} and {@link ImportTemplate#FOLLOW_UP_COLUMNS} name them): they add to
     * what the row's encoded cells hold.
     */
    SourceRow map(
            long row,
            Map<String, String> values,
            List<Map<String, String>> assistanceRows,
            List<Map<String, String>> followUpRows) {
        var in = new Cells(row, values);
        List<AssistanceDto> assistance = new ArrayList<>(in.entries(ASSISTANCE, this::assistance));
        for (var a : assistanceRows) {
            assistance.add(new AssistanceDto(
                    in.parseCode("Assistance.serviceType", a.get("serviceType"), ServiceType.class),
                    in.parseCode("Assistance.stage", a.get("stage"), AssistanceStage.class),
                    in.parseCode("Assistance.status", a.get("status"), AssistanceStatus.class),
                    in.parseCode("Assistance.providerType", a.get("providerType"), OrgType.class),
                    in.parseDate("Assistance.startDate", a.get("startDate")),
                    in.parseDate("Assistance.endDate", a.get("endDate"))));
        }
        List<FollowUpDto> followUps = new ArrayList<>(in.entries(FOLLOW_UPS, this::followUp));
        for (var f : followUpRows) {
            followUps.add(new FollowUpDto(
                    in.parseDate("Follow-ups.date", f.get("date")),
                    blankToNull(f.get("outcome")),
                    in.parseScore("Follow-ups.rssEconomic", f.get("rssEconomic")),
                    in.parseScore("Follow-ups.rssSocial", f.get("rssSocial")),
                    in.parseScore("Follow-ups.rssPsychosocial", f.get("rssPsychosocial")),
                    in.parseScore("Follow-ups.rssComposite", f.get("rssComposite"))));
        }
        var personal = new PersonalDetails(
                in.text(SALUTATION),
                in.text(FIRST_NAME),
                in.text(SECOND_NAME),
                in.text(TITLE),
                in.date(BIRTHDATE),
                in.text(EMAIL),
                in.text(HOME_PHONE),
                in.text(MOBILE_PHONE),
                in.text(MAILING_STREET),
                in.text(MAILING_CITY),
                in.text(MAILING_STATE),
                in.text(MAILING_POSTAL_CODE),
                in.text(MAILING_COUNTRY),
                in.text(ID_NUMBER));
        String countryOfExploitation = in.country(COUNTRY_OF_EXPLOITATION);
        if (countryOfExploitation == null) {
            // vic_LocationOfExploitation is a location lookup; a bare country code in it is still a country.
            String location = in.raw(LOCATION_OF_EXPLOITATION);
            if (location != null && Countries.isAlpha2(location.toUpperCase(Locale.ROOT))) {
                countryOfExploitation = location.toUpperCase(Locale.ROOT);
            }
        }
        var request = new CaseRequest(
                externalRef(in, personal),
                in.date(REGISTERED_ON),
                in.code(TRAFFICKING_STATUS, TraffickingStatus.class),
                in.code(STATUS_DECIDED_BY, StatusDecisionOrg.class),
                in.code(IDENTIFICATION_STAGE, IdentificationStage.class),
                in.code(IDENTIFYING_ORG_TYPE, OrgType.class),
                in.code(GENDER, Gender.class),
                in.integer(BIRTH_YEAR),
                in.integer(AGE_AT_IDENTIFICATION),
                in.countries(CITIZENSHIP),
                countryOfExploitation,
                in.codes(EXPLOITATION_TYPES, ExploitationType.class),
                in.code(LABOUR_INDUSTRY, LabourIndustry.class),
                in.codes(SEX_EXPLOITATION_TYPES, SexExploitationType.class),
                in.codes(MEANS_OF_CONTROL, MeansOfControl.class),
                in.codes(RECRUITMENT_METHODS, RecruitmentMethod.class),
                in.code(RELATIONSHIP, RelationshipToTrafficker.class),
                in.integer(AGE_WHEN_TRAFFICKED),
                in.bool(INFORMED),
                in.date(INFORMED_ON),
                in.date(RETURNED_ON),
                in.country(RETURNED_TO),
                in.code(CASE_STATUS, CaseStatus.class),
                in.text(CLOSURE_REASON),
                in.bool(CONSENT),
                in.text(CASE_OWNER),
                personal.containsNothing() ? null : personal,
                assistance,
                followUps,
                referrals(in),
                null);
        // Values that did not parse are null in the request: their columns are reported once, by the parser.
        var alreadyReported = in.errors.stream().map(FieldError::field).collect(java.util.stream.Collectors.toSet());
        for (CaseRules.Violation v : rules.check(request)) {
            String column = columnOf(v.path());
            if (alreadyReported.contains(column)) {
                continue;
            }
            Object value = !HtcdsColumns.echoesValue(column) ? null : v.invalidValue();
            in.errors.add(new FieldError(
                    row,
                    column,
                    value == null || value instanceof Iterable<?> ? null : String.valueOf(value),
                    v.message()));
        }
        return in.errors.isEmpty()
                ? new SourceRow(row, request, List.of())
                : new SourceRow(row, null, in.sortedErrors());
    }

    private String externalRef(Cells in, PersonalDetails personal) {
        String given = in.text(EXTERNAL_REF);
        if (given != null) {
            return given;
        }
        if (personal.firstName() == null && personal.secondName() == null && personal.birthDate() == null) {
            in.error(EXTERNAL_REF, null, "is required: add an ext_ExternalRef column with the agency's case number");
            return null;
        }
        // A plain HTCDS sheet has no case number: a keyed pseudonym of who the person is makes re-imports idempotent.
        String identity = String.join(
                "|",
                lower(personal.firstName()),
                lower(personal.secondName()),
                String.valueOf(personal.birthDate()),
                lower(in.raw(CITIZENSHIP)));
        return "htcds-" + pii.pseudonym(identity);
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code serviceType|stage|status|startDate|endDate|providerType}, trailing parts optional. */
    private AssistanceDto assistance(Cells in, String column, String entry) {
        String[] p = entry.split("\\|", -1);
        if (p.length < 3) {
            in.error(column, entry, "each entry is serviceType|stage|status[|startDate|endDate|providerType]");
            return null;
        }
        return new AssistanceDto(
                in.parseCode(column, p[0], ServiceType.class),
                in.parseCode(column, p[1], AssistanceStage.class),
                in.parseCode(column, p[2], AssistanceStatus.class),
                p.length > 5 ? in.parseCode(column, p[5], OrgType.class) : null,
                p.length > 3 ? in.parseDate(column, p[3]) : null,
                p.length > 4 ? in.parseDate(column, p[4]) : null);
    }

    /** {@code date|outcome|economic|social|psychosocial|composite}, trailing parts optional. */
    private FollowUpDto followUp(Cells in, String column, String entry) {
        String[] p = entry.split("\\|", -1);
        return new FollowUpDto(
                in.parseDate(column, p[0]),
                p.length > 1 ? blankToNull(p[1]) : null,
                p.length > 2 ? in.parseScore(column, p[2]) : null,
                p.length > 3 ? in.parseScore(column, p[3]) : null,
                p.length > 4 ? in.parseScore(column, p[4]) : null,
                p.length > 5 ? in.parseScore(column, p[5]) : null);
    }

    private static List<ReferralDto> referrals(Cells in) {
        List<ReferralDto> out = new ArrayList<>(2);
        String inOrg = in.text(IN_ORG);
        LocalDate inDate = in.date(IN_DATE);
        ReferralReason inReason = in.code(IN_REASON, ReferralReason.class);
        String inDetails = in.text(IN_DETAILS);
        Boolean inCross = in.bool(IN_CROSS_BORDER);
        if (inOrg != null || inDate != null || inReason != null || inDetails != null) {
            out.add(new ReferralDto(
                    ReferralDirection.Incoming, inDate, inOrg, inReason, inDetails, Boolean.TRUE.equals(inCross)));
        }
        String outOrg = in.text(OUT_ORG);
        LocalDate outDate = in.date(OUT_DATE);
        ReferralReason outReason = in.code(OUT_REASON, ReferralReason.class);
        String outDetails = in.text(OUT_DETAILS);
        Boolean outCross = in.bool(OUT_CROSS_BORDER);
        if (outOrg != null || outDate != null || outReason != null || outDetails != null) {
            out.add(new ReferralDto(
                    ReferralDirection.Outgoing, outDate, outOrg, outReason, outDetails, Boolean.TRUE.equals(outCross)));
        }
        return out;
    }

    private static String columnOf(String path) {
        String mapped = COLUMN_OF.get(path);
        if (mapped != null) {
            return mapped;
        }
        String head = path.replaceAll("\\[\\d+]", "");
        if (head.startsWith("citizenship")) {
            return CITIZENSHIP;
        }
        if (head.startsWith("assistance")) {
            return ASSISTANCE;
        }
        if (head.startsWith("followUps")) {
            return FOLLOW_UPS;
        }
        if (head.startsWith("referrals")) {
            return path.contains("organisation") ? "cas_*ReferralOrganisation" : "cas_*Referral*";
        }
        return path;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The cells of one row, with the errors met while parsing them. */
    private static final class Cells {
        private final long row;
        private final Map<String, String> values;
        private final List<FieldError> errors = new ArrayList<>(0);

        Cells(long row, Map<String, String> values) {
            this.row = row;
            this.values = values;
        }

        String raw(String column) {
            String v = values.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }

        String text(String column) {
            String v = raw(column);
            if (v != null && v.length() > MAX_CELL_CHARS) {
                error(column, v, "is longer than " + MAX_CELL_CHARS + " characters");
                return null;
            }
            return v;
        }

        void error(String column, String value, String reason) {
            errors.add(new FieldError(row, column, !HtcdsColumns.echoesValue(column) ? null : value, reason));
        }

        List<FieldError> sortedErrors() {
            errors.sort(Comparator.comparing(FieldError::field));
            return errors;
        }

        <E extends Enum<E> & CodeList> E code(String column, Class<E> type) {
            String v = text(column);
            return v == null ? null : parseCode(column, v, type);
        }

        <E extends Enum<E> & CodeList> E parseCode(String column, String v, Class<E> type) {
            if (v == null || v.isBlank()) {
                return null;
            }
            return CodeLists.parse(type, v).orElseGet(() -> {
                error(
                        column,
                        v,
                        "is no " + type.getSimpleName() + " code; allowed: "
                                + String.join(", ", CodeLists.codes(type)));
                return null;
            });
        }

        <E extends Enum<E> & CodeList> List<E> codes(String column, Class<E> type) {
            String v = text(column);
            try {
                return CodeLists.parseMulti(type, v);
            } catch (UnknownCodeException e) {
                error(
                        column,
                        e.value(),
                        "is no " + type.getSimpleName() + " code; allowed: "
                                + String.join(", ", CodeLists.codes(type)));
                return List.of();
            }
        }

        String country(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            String upper = v.strip().toUpperCase(Locale.ROOT);
            if (Countries.isAlpha2(upper)) {
                return upper;
            }
            // The template's dropdown gives the country's name ("Thailand", "Viet Nam").
            var named = Countries.byName(v);
            if (named.isEmpty()) {
                error(column, v, "is no ISO 3166-1 alpha-2 country code or country name");
                return null;
            }
            return named.get().alpha2();
        }

        List<String> countries(String column) {
            String v = text(column);
            if (v == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>(2);
            for (String token : v.split(";")) {
                String upper = token.strip().toUpperCase(Locale.ROOT);
                if (upper.isEmpty()) {
                    continue;
                }
                if (!Countries.isAlpha2(upper)) {
                    // The template's dropdown gives the country's name ("Cambodia", "Viet Nam").
                    var named = Countries.byName(token);
                    if (named.isEmpty()) {
                        error(column, token.strip(), "is no ISO 3166-1 alpha-2 country code or country name");
                        continue;
                    }
                    upper = named.get().alpha2();
                }
                if (!out.contains(upper)) {
                    out.add(upper);
                }
            }
            return out;
        }

        Integer integer(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            try {
                return new BigDecimal(v).intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                error(column, v, "must be a whole number");
                return null;
            }
        }

        Boolean bool(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> Boolean.TRUE;
                case "false", "no", "n", "0" -> Boolean.FALSE;
                default -> {
                    error(column, v, "must be true or false (yes/no, 1/0)");
                    yield null;
                }
            };
        }

        LocalDate date(String column) {
            return parseDate(column, text(column));
        }

        LocalDate parseDate(String column, String v) {
            if (v == null || v.isBlank()) {
                return null;
            }
            String s = v.strip();
            try {
                if (s.chars().allMatch(c -> Character.isDigit(c) || c == '.') && s.length() <= 8) {
                    // An Excel date serial that reached us without a date format.
                    double serial = Double.parseDouble(s);
                    if (serial >= 1 && serial < 2_958_466) {
                        return EXCEL_EPOCH.plusDays((long) serial);
                    }
                }
                java.util.regex.Matcher dayFirst = DAY_FIRST.matcher(s);
                if (dayFirst.matches()) {
                    // The region writes the day first (Cambodia, Lao PDR, Myanmar, Thailand, Viet Nam): 01/03/2024 is
                    // the first of March. A four-digit year only: 01/03/24 is refused rather than guessed.
                    return LocalDate.of(
                            Integer.parseInt(dayFirst.group(4)),
                            Integer.parseInt(dayFirst.group(3)),
                            Integer.parseInt(dayFirst.group(1)));
                }
                return LocalDate.parse(s.length() > 10 && s.charAt(10) == 'T' ? s.substring(0, 10) : s);
            } catch (java.time.DateTimeException | NumberFormatException e) {
                error(column, v, "must be a date as YYYY-MM-DD, or day first as DD/MM/YYYY (also with - or .)");
                return null;
            }
        }

        BigDecimal parseScore(String column, String v) {
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                return new BigDecimal(v.strip());
            } catch (NumberFormatException e) {
                error(column, v, "scores must be numbers between 0 and 1");
                return null;
            }
        }

        <T> List<T> entries(String column, EntryParser<T> parser) {
            String v = text(column);
            if (v == null) {
                return List.of();
            }
            List<T> out = new ArrayList<>();
            for (String entry : v.split(";")) {
                if (!entry.isBlank()) {
                    T parsed = parser.parse(this, column, entry.strip());
                    if (parsed != null) {
                        out.add(parsed);
                    }
                }
            }
            return out;
        }
    }

    @FunctionalInterface
    private interface EntryParser<T> {
        T parse(Cells cells, String column, String entry);
    }
}

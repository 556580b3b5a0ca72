package org.tributary.node.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The column names an import understands: HTCDS 2.0 field names as in the template's hidden row 1, the known
 * typos, the visible labels of row 2, and Tributary's {@code ext_} extension columns for what HTCDS lacks.
 */
final class HtcdsColumns {

    static final String EXTERNAL_REF = "ext_ExternalRef";
    static final String REGISTERED_ON = "ext_RegisteredOn";
    static final String TRAFFICKING_STATUS = "vic_TraffickingStatus";
    static final String STATUS_DECIDED_BY = "vic_TraffickingStatusDecisionMakingOrg";
    static final String IDENTIFICATION_STAGE = "ext_IdentificationStage";
    static final String IDENTIFYING_ORG_TYPE = "ext_IdentifyingOrgType";
    static final String GENDER = "prs_Gender";
    static final String BIRTH_YEAR = "ext_BirthYear";
    static final String AGE_AT_IDENTIFICATION = "ext_AgeAtIdentification";
    static final String CITIZENSHIP = "prs_Citizenship";
    static final String COUNTRY_OF_EXPLOITATION = "ext_CountryOfExploitation";
    static final String LOCATION_OF_EXPLOITATION = "vic_LocationOfExploitation";
    static final String EXPLOITATION_TYPES = "vic_TypeOfExploitation";
    static final String LABOUR_INDUSTRY = "vic_ForcedLabourIndustry";
    static final String SEX_EXPLOITATION_TYPES = "vic_TypeOfSexExploitation";
    static final String MEANS_OF_CONTROL = "vic_MethodsOfControl";
    static final String RECRUITMENT_METHODS = "vic_MethodOfRecruitment";
    static final String RELATIONSHIP = "vic_RelationshipToTrafficker";
    static final String AGE_WHEN_TRAFFICKED = "vic_AgeWhenTrafficked";
    static final String INFORMED = "ext_InformedOfEntitlements";
    static final String INFORMED_ON = "ext_InformedOn";
    static final String RETURNED_ON = "ext_ReturnedOn";
    static final String RETURNED_TO = "ext_ReturnedTo";
    static final String CASE_STATUS = "cas_Status";
    static final String CLOSURE_REASON = "cas_ReasonForCaseClosure";
    static final String CASE_OWNER = "cas_CaseOwner";
    static final String CONSENT = "con_Consent";
    static final String ASSISTANCE = "ext_Assistance";
    static final String FOLLOW_UPS = "ext_FollowUps";

    static final String SALUTATION = "prs_Salutation";
    static final String FIRST_NAME = "prs_FirstName";
    static final String SECOND_NAME = "prs_SecondName";
    static final String TITLE = "prs_Title";
    static final String BIRTHDATE = "prs_Birthdate";
    static final String EMAIL = "prs_Email";
    static final String HOME_PHONE = "prs_HomePhone";
    static final String MOBILE_PHONE = "prs_MobilePhone";
    static final String MAILING_STREET = "prs_MailingStreet";
    static final String MAILING_CITY = "prs_MailingCity";
    static final String MAILING_STATE = "prs_MailingState";
    static final String MAILING_POSTAL_CODE = "prs_MailingPostalCode";
    static final String MAILING_COUNTRY = "prs_MailingCountry";
    static final String ID_NUMBER = "ext_IdNumber";

    static final String IN_ORG = "cas_ReferringOrganisation";
    static final String IN_DATE = "cas_IncomingReferralDate";
    static final String IN_REASON = "cas_ReasonForIncomingReferral";
    static final String IN_DETAILS = "cas_IncomingReferralDetails";
    static final String IN_CROSS_BORDER = "ext_IncomingReferralCrossBorder";
    static final String OUT_ORG = "cas_ReferredOrganisation";
    static final String OUT_DATE = "cas_OutgoingReferralDate";
    static final String OUT_REASON = "cas_ReasonForOutgoingReferral";
    static final String OUT_DETAILS = "cas_OutgoingReferralDetails";
    static final String OUT_CROSS_BORDER = "ext_OutgoingReferralCrossBorder";

    /** Columns of the template that are read but deliberately not kept (staff names, free-text locations). */
    static final Set<String> READ_NOT_KEPT =
            Set.of("cas_ReferringPrimaryCaseWorker", "cas_ReferredPrimaryCaseWorker", "vic_LocationOfRecruitment");

    static final List<String> ALL = List.of(
            EXTERNAL_REF,
            REGISTERED_ON,
            TRAFFICKING_STATUS,
            STATUS_DECIDED_BY,
            IDENTIFICATION_STAGE,
            IDENTIFYING_ORG_TYPE,
            GENDER,
            BIRTH_YEAR,
            AGE_AT_IDENTIFICATION,
            CITIZENSHIP,
            COUNTRY_OF_EXPLOITATION,
            LOCATION_OF_EXPLOITATION,
            EXPLOITATION_TYPES,
            LABOUR_INDUSTRY,
            SEX_EXPLOITATION_TYPES,
            MEANS_OF_CONTROL,
            RECRUITMENT_METHODS,
            RELATIONSHIP,
            AGE_WHEN_TRAFFICKED,
            INFORMED,
            INFORMED_ON,
            RETURNED_ON,
            RETURNED_TO,
            CASE_STATUS,
            CLOSURE_REASON,
            CASE_OWNER,
            CONSENT,
            ASSISTANCE,
            FOLLOW_UPS,
            SALUTATION,
            FIRST_NAME,
            SECOND_NAME,
            TITLE,
            BIRTHDATE,
            EMAIL,
            HOME_PHONE,
            MOBILE_PHONE,
            MAILING_STREET,
            MAILING_CITY,
            MAILING_STATE,
            MAILING_POSTAL_CODE,
            MAILING_COUNTRY,
            ID_NUMBER,
            IN_ORG,
            IN_DATE,
            IN_REASON,
            IN_DETAILS,
            IN_CROSS_BORDER,
            OUT_ORG,
            OUT_DATE,
            OUT_REASON,
            OUT_DETAILS,
            OUT_CROSS_BORDER);

    /** Visible labels of the template's row 2. People type under these, so they win over row 1's names. */
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("case owner", CASE_OWNER),
            Map.entry("salutation", SALUTATION),
            Map.entry("first name", FIRST_NAME),
            Map.entry("second name", SECOND_NAME),
            Map.entry("consent", CONSENT),
            Map.entry("birthdate", BIRTHDATE),
            Map.entry("gender", GENDER),
            Map.entry("citizenship", CITIZENSHIP),
            Map.entry("title", TITLE),
            Map.entry("email", EMAIL),
            Map.entry("home phone", HOME_PHONE),
            Map.entry("mobile phone", MOBILE_PHONE),
            Map.entry("mailing street", MAILING_STREET),
            Map.entry("mailing city", MAILING_CITY),
            Map.entry("mailing state/province", MAILING_STATE),
            Map.entry("mailing zip/postal code", MAILING_POSTAL_CODE),
            Map.entry("mailing country", MAILING_COUNTRY),
            Map.entry("trafficking status", TRAFFICKING_STATUS),
            Map.entry("trafficking status decision making organization", STATUS_DECIDED_BY),
            Map.entry("method of recruitment", RECRUITMENT_METHODS),
            Map.entry("location of recruitment", "vic_LocationOfRecruitment"),
            Map.entry("methods of control", MEANS_OF_CONTROL),
            Map.entry("type of exploitation", EXPLOITATION_TYPES),
            Map.entry("forced labour industry", LABOUR_INDUSTRY),
            Map.entry("type of sex exploitation", SEX_EXPLOITATION_TYPES),
            Map.entry("location of exploitation", LOCATION_OF_EXPLOITATION),
            Map.entry("status", CASE_STATUS),
            Map.entry("referring organisation", IN_ORG),
            Map.entry("incoming referral date", IN_DATE),
            Map.entry("referring primary case worker", "cas_ReferringPrimaryCaseWorker"),
            Map.entry("reason for incoming referral", IN_REASON),
            Map.entry("incoming referral details", IN_DETAILS),
            Map.entry("referred organisation", OUT_ORG),
            Map.entry("referred primary case worker", "cas_ReferredPrimaryCaseWorker"),
            Map.entry("reason for outgoing referral", OUT_REASON),
            Map.entry("outgoing referral date", OUT_DATE),
            Map.entry("outgoing referral details", OUT_DETAILS),
            Map.entry("reason for case closure", CLOSURE_REASON));

    /** Spellings found in the wild, mapped to the field name. */
    private static final Map<String, String> TYPOS = Map.of("vic_traffickinstatusdecisionmakingorg", STATUS_DECIDED_BY);

    private static final Map<String, String> BY_LOWER_NAME = new HashMap<>();

    static {
        for (String name : ALL) {
            BY_LOWER_NAME.put(name.toLowerCase(Locale.ROOT), name);
        }
        for (String name : READ_NOT_KEPT) {
            BY_LOWER_NAME.put(name.toLowerCase(Locale.ROOT), name);
        }
        BY_LOWER_NAME.putAll(TYPOS);
    }

    private HtcdsColumns() {}

    /** The field a header names (a field name, a known typo, any letter case), if it is one we read. */
    static Optional<String> byName(String header) {
        if (header == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_LOWER_NAME.get(header.strip().toLowerCase(Locale.ROOT)));
    }

    /** The field a visible template label stands for. */
    static Optional<String> byLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(LABELS.get(label.strip().toLowerCase(Locale.ROOT)));
    }

    /** Free-text fields: they may hold anything a person typed, so their values are not echoed either. */
    private static final Set<String> FREE_TEXT =
            Set.of(CLOSURE_REASON, CASE_OWNER, IN_ORG, IN_DETAILS, OUT_ORG, OUT_DETAILS, FOLLOW_UPS);

    /** Whether an error report may quote what a cell held: codes, numbers and dates only. */
    static boolean echoesValue(String field) {
        return !isPersonal(field) && !FREE_TEXT.contains(field);
    }

    /** Fields holding personal identifiers: their values never appear in error reports. */
    static boolean isPersonal(String field) {
        return field.startsWith("prs_") && !field.equals(GENDER) && !field.equals(CITIZENSHIP)
                || field.equals(ID_NUMBER);
    }
}

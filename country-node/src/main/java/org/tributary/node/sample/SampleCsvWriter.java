package org.tributary.node.sample;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tributary.node.cases.AssistanceDto;
import org.tributary.node.cases.CaseRequest;
import org.tributary.node.cases.FollowUpDto;
import org.tributary.node.cases.PersonalDetails;
import org.tributary.node.cases.ReferralDto;

/**
 * Writes cases as an HTCDS-shaped CSV (field names in the header, {@code ;} between multi-select values, the
 * {@code ext_} columns for what HTCDS lacks): the file a benchmark or a test imports. It writes synthetic data
 * faithfully; it is not an export for spreadsheet users (those must neutralise formula-like text).
 */
public final class SampleCsvWriter implements AutoCloseable {

    public static final List<String> HEADER = List.of(
            "ext_ExternalRef",
            "ext_RegisteredOn",
            "vic_TraffickingStatus",
            "vic_TraffickinStatusDecisionMakingOrg",
            "ext_IdentificationStage",
            "ext_IdentifyingOrgType",
            "prs_Gender",
            "ext_BirthYear",
            "ext_AgeAtIdentification",
            "prs_Citizenship",
            "ext_CountryOfExploitation",
            "vic_TypeOfExploitation",
            "vic_ForcedLabourIndustry",
            "vic_TypeOfSexExploitation",
            "vic_MethodsOfControl",
            "vic_MethodOfRecruitment",
            "vic_RelationshipToTrafficker",
            "vic_AgeWhenTrafficked",
            "ext_InformedOfEntitlements",
            "ext_InformedOn",
            "ext_ReturnedOn",
            "ext_ReturnedTo",
            "cas_Status",
            "cas_ReasonForCaseClosure",
            "con_Consent",
            "cas_CaseOwner",
            "prs_FirstName",
            "prs_SecondName",
            "prs_Birthdate",
            "ext_Assistance",
            "ext_FollowUps",
            "cas_ReferringOrganisation",
            "cas_IncomingReferralDate",
            "cas_ReasonForIncomingReferral",
            "ext_IncomingReferralCrossBorder",
            "cas_ReferredOrganisation",
            "cas_OutgoingReferralDate",
            "cas_ReasonForOutgoingReferral",
            "ext_OutgoingReferralCrossBorder");

    private final CSVPrinter printer;

    public SampleCsvWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(
                out,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader(HEADER.toArray(String[]::new))
                        .get());
    }

    public void write(CaseRequest c) throws IOException {
        PersonalDetails p = c.personal();
        ReferralDto in = referral(c.referrals(), org.tributary.common.codes.ReferralDirection.Incoming);
        ReferralDto out = referral(c.referrals(), org.tributary.common.codes.ReferralDirection.Outgoing);
        printer.printRecord(
                c.externalRef(),
                c.registeredOn(),
                c.traffickingStatus(),
                c.statusDecidedBy(),
                c.identificationStage(),
                c.identifyingOrgType(),
                c.gender(),
                c.birthYear(),
                c.ageAtIdentification(),
                join(c.citizenship()),
                c.countryOfExploitation(),
                join(c.exploitationTypes()),
                c.labourIndustry(),
                join(c.sexExploitationTypes()),
                join(c.meansOfControl()),
                join(c.recruitmentMethods()),
                c.relationshipToTrafficker(),
                c.ageWhenTrafficked(),
                c.informedOfEntitlements(),
                c.informedOn(),
                c.returnedOn(),
                c.returnedTo(),
                c.caseStatus(),
                c.closureReason(),
                c.consentToAggregateUse(),
                c.caseOwner(),
                p == null ? null : p.firstName(),
                p == null ? null : p.secondName(),
                p == null ? null : p.birthDate(),
                assistance(c.assistance()),
                followUps(c.followUps()),
                in == null ? null : in.organisation(),
                in == null ? null : in.date(),
                in == null ? null : in.reason(),
                in == null ? null : in.crossBorder(),
                out == null ? null : out.organisation(),
                out == null ? null : out.date(),
                out == null ? null : out.reason(),
                out == null ? null : out.crossBorder());
    }

    private static ReferralDto referral(List<ReferralDto> referrals, org.tributary.common.codes.ReferralDirection d) {
        return referrals.stream().filter(r -> r.direction() == d).findFirst().orElse(null);
    }

    private static String join(List<?> values) {
        return values.isEmpty() ? null : values.stream().map(Object::toString).collect(Collectors.joining(";"));
    }

    private static String assistance(List<AssistanceDto> list) {
        return list.isEmpty()
                ? null
                : list.stream()
                        .map(a -> String.join(
                                "|",
                                a.serviceType().name(),
                                a.stage().name(),
                                a.status().name(),
                                text(a.startDate()),
                                text(a.endDate()),
                                a.providerType() == null ? "" : a.providerType().name()))
                        .collect(Collectors.joining(";"));
    }

    private static String followUps(List<FollowUpDto> list) {
        return list.isEmpty()
                ? null
                : list.stream()
                        .map(f -> String.join(
                                "|",
                                text(f.date()),
                                f.outcome() == null ? "" : f.outcome(),
                                text(f.rssEconomic()),
                                text(f.rssSocial()),
                                text(f.rssPsychosocial()),
                                text(f.rssComposite())))
                        .collect(Collectors.joining(";"));
    }

    private static String text(Object o) {
        return o == null ? "" : o instanceof LocalDate d ? d.toString() : o.toString();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}

package org.tributary.node.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
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

/**
 * A case as stored: the persistence entity. It holds the secret {@code recordKey} and the encrypted personal data,
 * so it never leaves the persistence and mapping layers; controllers see only DTOs.
 */
record CaseRecord(
        UUID id,
        String externalRef,
        int recordKey,
        long version,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy,
        LocalDate registeredOn,
        TraffickingStatus traffickingStatus,
        StatusDecisionOrg statusDecidedBy,
        IdentificationStage identificationStage,
        OrgType identifyingOrgType,
        Gender gender,
        Integer birthYear,
        Integer ageAtIdentification,
        List<String> citizenship,
        String countryOfExploitation,
        List<ExploitationType> exploitationTypes,
        LabourIndustry labourIndustry,
        List<SexExploitationType> sexExploitationTypes,
        List<MeansOfControl> meansOfControl,
        List<RecruitmentMethod> recruitmentMethods,
        RelationshipToTrafficker relationshipToTrafficker,
        Integer ageWhenTrafficked,
        Boolean informedOfEntitlements,
        LocalDate informedOn,
        LocalDate returnedOn,
        String returnedTo,
        CaseStatus caseStatus,
        String closureReason,
        Boolean consentToAggregateUse,
        String caseOwner,
        byte[] personalData,
        List<Assistance> assistance,
        List<FollowUp> followUps,
        List<Referral> referrals) {

    /** This case with its assistance, follow-ups and referrals (read from their own tables). */
    CaseRecord withChildren(List<Assistance> assistance, List<FollowUp> followUps, List<Referral> referrals) {
        return copy(
                version, updatedAt, updatedBy, caseStatus, closureReason, caseOwner, assistance, followUps, referrals);
    }

    /** This case owned by {@code owner} (a Keycloak username, or null for nobody's). */
    CaseRecord withOwner(String owner) {
        return copy(version, updatedAt, updatedBy, caseStatus, closureReason, owner, assistance, followUps, referrals);
    }

    /** This case closed (HTCDS {@code cas_Status = Closed}) as the next version, by {@code actor} at {@code at}. */
    CaseRecord closed(long nextVersion, Instant at, String actor, String reason) {
        return copy(
                nextVersion,
                at,
                actor,
                CaseStatus.Closed,
                reason != null ? reason : closureReason,
                caseOwner,
                assistance,
                followUps,
                referrals);
    }

    /** The one place a case is copied: the content as it is, with these parts changed. */
    private CaseRecord copy(
            long version,
            Instant updatedAt,
            String updatedBy,
            CaseStatus caseStatus,
            String closureReason,
            String caseOwner,
            List<Assistance> assistance,
            List<FollowUp> followUps,
            List<Referral> referrals) {
        return new CaseRecord(
                id,
                externalRef,
                recordKey,
                version,
                createdAt,
                createdBy,
                updatedAt,
                updatedBy,
                registeredOn,
                traffickingStatus,
                statusDecidedBy,
                identificationStage,
                identifyingOrgType,
                gender,
                birthYear,
                ageAtIdentification,
                citizenship,
                countryOfExploitation,
                exploitationTypes,
                labourIndustry,
                sexExploitationTypes,
                meansOfControl,
                recruitmentMethods,
                relationshipToTrafficker,
                ageWhenTrafficked,
                informedOfEntitlements,
                informedOn,
                returnedOn,
                returnedTo,
                caseStatus,
                closureReason,
                consentToAggregateUse,
                caseOwner,
                personalData,
                assistance,
                followUps,
                referrals);
    }

    record Assistance(
            ServiceType serviceType,
            AssistanceStage stage,
            AssistanceStatus status,
            OrgType providerType,
            LocalDate startDate,
            LocalDate endDate) {}

    record FollowUp(
            LocalDate date,
            String outcome,
            java.math.BigDecimal rssEconomic,
            java.math.BigDecimal rssSocial,
            java.math.BigDecimal rssPsychosocial,
            java.math.BigDecimal rssComposite) {}

    record Referral(
            ReferralDirection direction,
            LocalDate date,
            String organisation,
            ReferralReason reason,
            String details,
            boolean crossBorder) {}
}

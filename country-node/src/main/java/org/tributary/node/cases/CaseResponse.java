package org.tributary.node.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.ExploitationType;
import org.tributary.common.codes.Gender;
import org.tributary.common.codes.IdentificationStage;
import org.tributary.common.codes.LabourIndustry;
import org.tributary.common.codes.MeansOfControl;
import org.tributary.common.codes.OrgType;
import org.tributary.common.codes.RecruitmentMethod;
import org.tributary.common.codes.RelationshipToTrafficker;
import org.tributary.common.codes.SexExploitationType;
import org.tributary.common.codes.StatusDecisionOrg;
import org.tributary.common.codes.TraffickingStatus;

/** One case, as the single-case read returns it: the only response that carries personal details. */
public record CaseResponse(
        UUID id,
        String externalRef,
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
        PersonalDetails personal,
        List<AssistanceDto> assistance,
        List<FollowUpDto> followUps,
        List<ReferralDto> referrals) {}

package org.tributary.node.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
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

/**
 * A case as a case worker writes it, through the API or one row of an import. Codes are HTCDS codes.
 *
 * @param externalRef the agency's own case number, unique on this node; re-importing it updates the case
 * @param version on update, the version read (alternative to {@code If-Match}); ignored on create
 */
public record CaseRequest(
        @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[\\p{L}\\p{N}._:/#-]+", message = "may hold letters, digits and . _ : / # - only")
        String externalRef,

        @PastOrPresent LocalDate registeredOn,
        @NotNull TraffickingStatus traffickingStatus,
        StatusDecisionOrg statusDecidedBy,
        IdentificationStage identificationStage,
        OrgType identifyingOrgType,
        Gender gender,
        @Min(1900) Integer birthYear,
        @Min(0) @Max(130) Integer ageAtIdentification,
        @Size(max = 5) List<@NotNull @CountryCode String> citizenship,
        @CountryCode String countryOfExploitation,
        List<@NotNull ExploitationType> exploitationTypes,
        LabourIndustry labourIndustry,
        List<@NotNull SexExploitationType> sexExploitationTypes,
        List<@NotNull MeansOfControl> meansOfControl,
        List<@NotNull RecruitmentMethod> recruitmentMethods,
        RelationshipToTrafficker relationshipToTrafficker,
        @Min(0) @Max(130) Integer ageWhenTrafficked,
        Boolean informedOfEntitlements,
        @PastOrPresent LocalDate informedOn,
        @PastOrPresent LocalDate returnedOn,
        @CountryCode String returnedTo,
        @NotNull CaseStatus caseStatus,
        @Size(max = 2000) String closureReason,
        Boolean consentToAggregateUse,
        @Size(max = 200) String caseOwner,
        @Valid PersonalDetails personal,
        @Size(max = 200) List<@NotNull @Valid AssistanceDto> assistance,
        @Size(max = 100) List<@NotNull @Valid FollowUpDto> followUps,
        @Size(max = 100) List<@NotNull @Valid ReferralDto> referrals,
        Long version) {

    public CaseRequest {
        citizenship = citizenship == null ? List.of() : citizenship;
        exploitationTypes = exploitationTypes == null ? List.of() : exploitationTypes;
        sexExploitationTypes = sexExploitationTypes == null ? List.of() : sexExploitationTypes;
        meansOfControl = meansOfControl == null ? List.of() : meansOfControl;
        recruitmentMethods = recruitmentMethods == null ? List.of() : recruitmentMethods;
        assistance = assistance == null ? List.of() : assistance;
        followUps = followUps == null ? List.of() : followUps;
        referrals = referrals == null ? List.of() : referrals;
    }

    /** The birth year to aggregate on: as given, else from the (encrypted) birth date. */
    public Integer effectiveBirthYear() {
        if (birthYear != null) {
            return birthYear;
        }
        return personal != null && personal.birthDate() != null
                ? personal.birthDate().getYear()
                : null;
    }

    @AssertTrue(message = "must not be in the future")
    boolean isBirthYearNotInFuture() {
        return birthYear == null || birthYear <= Year.now().getValue();
    }

    static final String DATE_RANGE_MESSAGE =
            "dates must not be before 1900-01-01, and a service's end date not after 2100-12-31";
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST_END = LocalDate.of(2100, 12, 31);

    /**
     * Dates a person can mean (the database would take far wider ones). Dates in the future are refused by their
     * own rule; a service's planned end date is the one date allowed in the future, within reason.
     */
    @AssertTrue(message = DATE_RANGE_MESSAGE)
    boolean isDatesInRange() {
        java.util.List<LocalDate> dates = new java.util.ArrayList<>();
        dates.add(registeredOn);
        dates.add(informedOn);
        dates.add(returnedOn);
        if (personal != null) {
            dates.add(personal.birthDate());
        }
        for (AssistanceDto a : assistance) {
            if (a != null) {
                dates.add(a.startDate());
                dates.add(a.endDate());
                if (a.endDate() != null && a.endDate().isAfter(LATEST_END)) {
                    return false;
                }
            }
        }
        for (FollowUpDto f : followUps) {
            if (f != null) {
                dates.add(f.date());
            }
        }
        for (ReferralDto r : referrals) {
            if (r != null) {
                dates.add(r.date());
            }
        }
        return dates.stream().noneMatch(d -> d != null && d.isBefore(EARLIEST));
    }

    static final String CONTROL_CHARACTERS_MESSAGE =
            "text must not contain NUL or other control characters except tab and line breaks";

    @AssertTrue(message = CONTROL_CHARACTERS_MESSAGE)
    boolean isFreeOfControlCharacters() {
        return TextSafety.isSafe(this);
    }
}

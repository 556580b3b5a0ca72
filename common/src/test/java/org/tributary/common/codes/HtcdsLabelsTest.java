package org.tributary.common.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTCDS forms' labels are codes too, in any letter case and spacing; a label of another list is not. */
class HtcdsLabelsTest {

    @Test
    void everyLabelOfTheFormsIsItsCode() {
        List<Class<? extends Enum<?>>> lists = List.of(
                Gender.class,
                RecruitmentMethod.class,
                MeansOfControl.class,
                ExploitationType.class,
                LabourIndustry.class,
                SexExploitationType.class,
                CaseStatus.class,
                TraffickingStatus.class,
                StatusDecisionOrg.class,
                ReferralReason.class);
        int labels = 0;
        for (var type : lists) {
            assertThat(CodeLists.labels(type)).as(type.getSimpleName()).isNotEmpty();
            for (String label : CodeLists.labels(type)) {
                labels++;
                assertThat(parse(type, label)).as(label).isPresent();
                assertThat(parse(
                                type,
                                "  " + label.toUpperCase(java.util.Locale.ROOT).replace(" ", "   ") + " "))
                        .as("another case and spacing of " + label)
                        .isEqualTo(parse(type, label));
            }
        }
        assertThat(labels).isGreaterThan(70);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Optional<?> parse(Class type, String raw) {
        return CodeLists.parse(type, raw);
    }

    @Test
    void theTemplatesOwnWordsMeanTheirCodes() {
        assertThat(CodeLists.parse(TraffickingStatus.class, "Actual victim of trafficking"))
                .contains(TraffickingStatus.ActualVictimOfTrafficking);
        assertThat(CodeLists.parse(CaseStatus.class, "Follow up")).contains(CaseStatus.FollowUp);
        assertThat(CodeLists.parse(ExploitationType.class, "Forced military (by non-state actors)"))
                .contains(ExploitationType.ForcedMilitaryByNonStateActors);
        assertThat(CodeLists.parse(MeansOfControl.class, "Threats of law enforcement"))
                .contains(MeansOfControl.ThreatsLawEnforcement);
        assertThat(CodeLists.parse(LabourIndustry.class, "Agriculture, forestry and fishing"))
                .contains(LabourIndustry.A_AgricultureForestryAndFishing);
        assertThat(CodeLists.parse(Gender.class, "Not Specified/Unknown")).contains(Gender.NonSpecifiedUnknown);
        assertThat(CodeLists.parseMulti(MeansOfControl.class, "Debt bondage ;Withholds documents"))
                .containsExactly(MeansOfControl.DebtBondage, MeansOfControl.WithholdsDocuments);
        // A label of another list, or nothing like a label, is still refused.
        assertThat(CodeLists.parse(CaseStatus.class, "Forced labour")).isEmpty();
        assertThat(CodeLists.parse(TraffickingStatus.class, "victim")).isEmpty();
    }

    @Test
    void countriesByTheirNames() {
        assertThat(Countries.byName("Cambodia").orElseThrow().alpha2()).isEqualTo("KH");
        assertThat(Countries.byName("  viet   nam ").orElseThrow().alpha2()).isEqualTo("VN");
        assertThat(Countries.byName("Atlantis")).isEmpty();
    }
}

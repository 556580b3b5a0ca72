package org.tributary.common.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodeListsTest {

    @Test
    void parsesExactCodesAnyCaseAndSurroundingSpace() {
        assertThat(CodeLists.parse(Gender.class, "Feminine")).contains(Gender.Feminine);
        assertThat(CodeLists.parse(Gender.class, " masculine ")).contains(Gender.Masculine);
        assertThat(CodeLists.parse(LabourIndustry.class, "a_agricultureforestryandfishing"))
                .contains(LabourIndustry.A_AgricultureForestryAndFishing);
    }

    @Test
    void rejectsWhatIsNoCode() {
        assertThat(CodeLists.parse(Gender.class, "Female")).isEmpty();
        assertThat(CodeLists.parse(Gender.class, "")).isEmpty();
        assertThat(CodeLists.parse(Gender.class, null)).isEmpty();
    }

    @Test
    void acceptsTheTemplatesUnaquaintedSpellingAndTheCorrectOne() {
        assertThat(CodeLists.parse(RelationshipToTrafficker.class, "Unaquainted"))
                .contains(RelationshipToTrafficker.Unaquainted);
        assertThat(CodeLists.parse(RelationshipToTrafficker.class, "Unacquainted"))
                .contains(RelationshipToTrafficker.Unaquainted);
    }

    @Test
    void multiSelectValuesAreSplitOnSemicolonsInFileOrderWithoutDuplicates() {
        assertThat(CodeLists.parseMulti(ExploitationType.class, "SexualExploitation; ForcedLabour;;SexualExploitation"))
                .containsExactly(ExploitationType.SexualExploitation, ExploitationType.ForcedLabour);
        assertThat(CodeLists.parseMulti(ExploitationType.class, "  ")).isEmpty();
    }

    @Test
    void multiSelectNamesTheUnknownToken() {
        assertThatThrownBy(() -> CodeLists.parseMulti(MeansOfControl.class, "DebtBondage;Bribery"))
                .isInstanceOfSatisfying(UnknownCodeException.class, e -> {
                    assertThat(e.value()).isEqualTo("Bribery");
                    assertThat(e.codeList()).isEqualTo(MeansOfControl.class);
                });
    }

    @Test
    void theCoreReintegrationServicesAreTheFourTheStudyCounted() {
        assertThat(ServiceType.CORE_REINTEGRATION)
                .containsExactlyInAnyOrder(
                        ServiceType.Counselling,
                        ServiceType.VocationalTraining,
                        ServiceType.Grant,
                        ServiceType.LegalEducation);
    }

    @Test
    void supportPlanTypesAreAllServiceTypes() {
        for (SupportPlanType t : SupportPlanType.values()) {
            assertThat(CodeLists.parse(ServiceType.class, t.code())).isPresent();
        }
    }
}

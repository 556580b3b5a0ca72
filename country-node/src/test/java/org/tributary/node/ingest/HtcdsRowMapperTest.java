package org.tributary.node.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.AssistanceStatus;
import org.tributary.common.codes.ExploitationType;
import org.tributary.common.codes.RelationshipToTrafficker;
import org.tributary.common.codes.ServiceType;
import org.tributary.common.problem.FieldError;
import org.tributary.node.cases.CaseRules;
import org.tributary.node.pii.PiiCipher;
import org.tributary.node.pii.PiiProperties;

class HtcdsRowMapperTest {

    HtcdsRowMapper mapper = new HtcdsRowMapper(
            new CaseRules(Validation.buildDefaultValidatorFactory().getValidator(), Clock.systemUTC()),
            new PiiCipher(new PiiProperties(PiiCipherTestKeys.KEY)));

    static Map<String, String> minimal() {
        Map<String, String> row = new HashMap<>();
        row.put("ext_ExternalRef", "R-1");
        row.put("vic_TraffickingStatus", "ActualVictimOfTrafficking");
        row.put("cas_Status", "Active");
        return row;
    }

    @Test
    void aMinimalRowBecomesACase() {
        var row = mapper.map(3, minimal());
        assertThat(row.isValid()).isTrue();
        assertThat(row.request().externalRef()).isEqualTo("R-1");
        assertThat(row.request().citizenship()).isEmpty();
    }

    @Test
    void multiSelectsExcelSerialDatesBooleansAndTheAssistanceExtensionAreParsed() {
        var values = minimal();
        values.put("vic_TypeOfExploitation", "SexualExploitation; ForcedLabour");
        values.put("vic_RelationshipToTrafficker", "Unacquainted");
        values.put("ext_RegisteredOn", "45292");
        values.put("con_Consent", "Yes");
        values.put("prs_Citizenship", "kh;la");
        values.put("ext_Assistance", "Shelter|Destination|Received|2024-01-02;Counselling|Origin|Completed||");
        var row = mapper.map(3, values);
        assertThat(row.errors()).isEmpty();
        var c = row.request();
        assertThat(c.exploitationTypes())
                .containsExactly(ExploitationType.SexualExploitation, ExploitationType.ForcedLabour);
        assertThat(c.relationshipToTrafficker()).isEqualTo(RelationshipToTrafficker.Unaquainted);
        assertThat(c.registeredOn()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(c.consentToAggregateUse()).isTrue();
        assertThat(c.citizenship()).containsExactly("KH", "LA");
        assertThat(c.assistance()).hasSize(2);
        assertThat(c.assistance().get(1).serviceType()).isEqualTo(ServiceType.Counselling);
        assertThat(c.assistance().get(1).stage()).isEqualTo(AssistanceStage.Origin);
        assertThat(c.assistance().get(1).status()).isEqualTo(AssistanceStatus.Completed);
    }

    @Test
    void everyBadCellOfARowIsReportedWithItsColumnAndValue() {
        var values = minimal();
        values.put("vic_TraffickingStatus", "Victim");
        values.put("prs_Gender", "Female");
        values.put("ext_AgeAtIdentification", "twelve");
        values.put("ext_RegisteredOn", "12/31/2024"); // month first: refused, not guessed
        values.put("ext_InformedOfEntitlements", "maybe");
        var row = mapper.map(7, values);
        assertThat(row.isValid()).isFalse();
        assertThat(row.errors())
                .extracting(FieldError::field)
                .containsExactly(
                        "ext_AgeAtIdentification",
                        "ext_InformedOfEntitlements",
                        "ext_RegisteredOn",
                        "prs_Gender",
                        "vic_TraffickingStatus");
        assertThat(row.errors()).allSatisfy(e -> assertThat(e.row()).isEqualTo(7));
        assertThat(row.errors()).extracting(FieldError::value).contains("Victim", "Female", "twelve");
    }

    @Test
    void missingRequiredFieldsAndFutureDatesAreReported() {
        Map<String, String> values = new HashMap<>();
        values.put("ext_ExternalRef", "R-2");
        values.put("ext_RegisteredOn", LocalDate.now().plusDays(2).toString());
        var row = mapper.map(4, values);
        assertThat(row.errors())
                .extracting(FieldError::field)
                .containsExactly("cas_Status", "ext_RegisteredOn", "vic_TraffickingStatus");
    }

    @Test
    void personalValuesAreNeverEchoedInErrors() {
        var values = minimal();
        values.put("prs_Email", "srey at example");
        values.put("prs_Birthdate", "not a date");
        var row = mapper.map(5, values);
        assertThat(row.errors()).extracting(FieldError::field).containsExactly("prs_Birthdate", "prs_Email");
        assertThat(row.errors()).extracting(FieldError::value).containsOnlyNulls();
    }

    @Test
    void withoutACaseNumberTheRefIsAKeyedPseudonymOfWhoThePersonIs() {
        Map<String, String> values = new HashMap<>(minimal());
        values.remove("ext_ExternalRef");
        values.put("prs_FirstName", "Srey");
        values.put("prs_Birthdate", "2007-05-17");
        String ref = mapper.map(3, values).request().externalRef();
        assertThat(ref).startsWith("htcds-").doesNotContain("Srey").doesNotContain("2007");
        values.put("prs_FirstName", " SREY ");
        assertThat(mapper.map(9, values).request().externalRef()).isEqualTo(ref);
        values.put("prs_FirstName", "Dara");
        assertThat(mapper.map(3, values).request().externalRef()).isNotEqualTo(ref);

        Map<String, String> anonymous = new HashMap<>(minimal());
        anonymous.remove("ext_ExternalRef");
        assertThat(mapper.map(3, anonymous).errors())
                .extracting(FieldError::field)
                .containsExactly("ext_ExternalRef");
    }

    @Test
    void aCellLongerThanExcelAllowsIsRefusedAndNotEchoedWhole() {
        var values = minimal();
        values.put("cas_ReasonForCaseClosure", "y".repeat(HtcdsRowMapper.MAX_CELL_CHARS + 1));
        var row = mapper.map(3, values);
        assertThat(row.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("cas_ReasonForCaseClosure");
            assertThat(e.value()).as("free text is never echoed").isNull();
        });
    }
}

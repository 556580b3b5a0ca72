package org.tributary.node.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.IdentificationStage;
import org.tributary.common.codes.ServiceType;
import org.tributary.node.cases.CaseRequest;

class SampleCaseGeneratorTest {

    static final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    static List<CaseRequest> cases(String country, long seed, int n) {
        var g = new SampleCaseGenerator(country, seed);
        return LongStream.range(0, n).mapToObj(g::generate).toList();
    }

    @Test
    void theSameSeedGivesTheSameCasesAndAnotherSeedOthers() {
        assertThat(cases("KH", 7, 50)).isEqualTo(cases("KH", 7, 50));
        assertThat(cases("KH", 8, 50)).isNotEqualTo(cases("KH", 7, 50));
    }

    @Test
    void everyGeneratedCasePassesTheCaseApisValidation() {
        for (String country : List.of("KH", "TH", "VN", "LA", "MM", "CN")) {
            for (CaseRequest c : cases(country, 1, 2000)) {
                assertThat(validator.validate(c)).as(c.externalRef()).isEmpty();
            }
        }
    }

    @Test
    void aNodeHoldsItsOwnCitizensAndForeignersIdentifiedOnItsTerritory() {
        assertThat(cases("TH", 1, 2000))
                .allSatisfy(c -> assertThat(c.citizenship().contains("TH") || "TH".equals(c.countryOfExploitation()))
                        .isTrue());
        assertThat(cases("TH", 1, 2000)).extracting(c -> c.citizenship().get(0)).contains("MM", "LA", "KH");
    }

    @Test
    void aboutHalfGetNoAssistanceAtDestinationAndAboutAFifthOfReturneesNoCoreReintegrationService() {
        var all = cases("KH", 1, 20_000);
        var identifiedAbroad = all.stream()
                .filter(c -> c.identificationStage() != IdentificationStage.OriginAfterReturn)
                .toList();
        double noneAtDestination = identifiedAbroad.stream()
                        .filter(c -> c.assistance().stream()
                                .noneMatch(a -> a.stage() == AssistanceStage.Destination
                                        && a.status().name().matches("Received|Completed")))
                        .count()
                / (double) identifiedAbroad.size();
        assertThat(noneAtDestination).isBetween(0.45, 0.55);

        var returnees = all.stream().filter(c -> c.returnedOn() != null).toList();
        double noCore = returnees.stream()
                        .filter(c -> c.assistance().stream()
                                .noneMatch(a -> a.stage() == AssistanceStage.Origin
                                        && ServiceType.CORE_REINTEGRATION.contains(a.serviceType())))
                        .count()
                / (double) returnees.size();
        assertThat(noCore).isBetween(0.17, 0.23);
    }

    @Test
    void theCsvWriterWritesTheHtcdsHeaderAndOneLinePerCase() throws IOException {
        var out = new StringWriter();
        try (var writer = new SampleCsvWriter(out)) {
            for (CaseRequest c : cases("VN", 3, 10)) {
                writer.write(c);
            }
        }
        var lines = out.toString().split("\r\n");
        assertThat(lines).hasSize(11);
        assertThat(lines[0]).startsWith("ext_ExternalRef,ext_RegisteredOn,vic_TraffickingStatus,");
    }
}

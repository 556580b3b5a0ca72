package org.tributary.node.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.AssistanceStatus;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.Gender;
import org.tributary.common.codes.ServiceType;
import org.tributary.common.codes.TraffickingStatus;

class CaseMapperTest {

    CaseMapper mapper = new CaseMapperImpl();

    static CaseRequest request() {
        var personal = new PersonalDetails(
                null,
                "Srey",
                null,
                null,
                LocalDate.of(2008, 2, 3),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        return new CaseRequest(
                "M-1",
                LocalDate.of(2024, 1, 1),
                TraffickingStatus.ActualVictimOfTrafficking,
                null,
                null,
                null,
                Gender.Feminine,
                null,
                15,
                List.of("KH"),
                "TH",
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                true,
                null,
                null,
                null,
                CaseStatus.Active,
                null,
                true,
                null,
                personal,
                List.of(new AssistanceDto(
                        ServiceType.Shelter,
                        AssistanceStage.Destination,
                        AssistanceStatus.Received,
                        null,
                        LocalDate.of(2024, 1, 2),
                        null)),
                List.of(),
                List.of(),
                3L);
    }

    @Test
    void aRequestBecomesAnEntityWithTheIdentityItIsGivenAndTheBirthYearFromTheBirthDate() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2024-05-01T00:00:00Z");
        var record = mapper.toRecord(request(), id, 12345, 0, now, "a", now, "a", new byte[] {1});
        assertThat(record.id()).isEqualTo(id);
        assertThat(record.recordKey()).isEqualTo(12345);
        assertThat(record.version()).isZero();
        assertThat(record.birthYear()).isEqualTo(2008);
        assertThat(record.assistance())
                .singleElement()
                .satisfies(a -> assertThat(a.serviceType()).isEqualTo(ServiceType.Shelter));
    }

    @Test
    void theSummaryCarriesTheAgeBandAndNoPersonalDetails() {
        var record = mapper.toRecord(request(), UUID.randomUUID(), 1, 0, Instant.now(), "a", Instant.now(), "a", null);
        var summary = mapper.toSummary(record);
        assertThat(summary.ageBand()).isEqualTo("9-17");
        assertThat(summary.toString()).doesNotContain("Srey").doesNotContain("2008");
    }

    @Test
    void theResponseCarriesThePersonalDetailsItIsGivenAndNeverTheRecordKey() {
        var record =
                mapper.toRecord(request(), UUID.randomUUID(), 987654, 0, Instant.now(), "a", Instant.now(), "a", null);
        var response = mapper.toResponse(record, request().personal());
        assertThat(response.personal().firstName()).isEqualTo("Srey");
        assertThat(response.toString()).doesNotContain("987654");
    }
}

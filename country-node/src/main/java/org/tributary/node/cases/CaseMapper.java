package org.tributary.node.cases;

import java.time.Instant;
import java.util.UUID;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;
import org.tributary.common.codes.AgeBand;

/** Maps between the case DTOs and the stored entity. The record key and the ciphertext never reach a DTO. */
@Mapper(componentModel = "spring")
interface CaseMapper {

    @Mapping(target = "id", source = "id")
    @Mapping(target = "externalRef", source = "request.externalRef")
    @Mapping(target = "version", source = "version")
    @Mapping(target = "birthYear", expression = "java(request.effectiveBirthYear())")
    CaseRecord toRecord(
            CaseRequest request,
            UUID id,
            int recordKey,
            long version,
            Instant createdAt,
            String createdBy,
            Instant updatedAt,
            String updatedBy,
            byte[] personalData);

    @Mapping(target = "personal", source = "personal")
    CaseResponse toResponse(CaseRecord record, PersonalDetails personal);

    @Mapping(target = "ageBand", expression = "java(ageBand(record))")
    CaseSummary toSummary(CaseRecord record);

    AssistanceDto toDto(CaseRecord.Assistance assistance);

    CaseRecord.Assistance toEntity(AssistanceDto assistance);

    FollowUpDto toDto(CaseRecord.FollowUp followUp);

    CaseRecord.FollowUp toEntity(FollowUpDto followUp);

    ReferralDto toDto(CaseRecord.Referral referral);

    CaseRecord.Referral toEntity(ReferralDto referral);

    default String ageBand(CaseRecord record) {
        Integer age = record.ageAtIdentification();
        return age == null ? null : AgeBand.of(age).label();
    }
}

package org.tributary.node.cases;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;
import org.tributary.common.codes.AssistanceStage;
import org.tributary.common.codes.AssistanceStatus;
import org.tributary.common.codes.OrgType;
import org.tributary.common.codes.ServiceType;

/** One assistance service offered to, received, declined by or unavailable to the person (extension). */
public record AssistanceDto(
        @NotNull ServiceType serviceType,
        @NotNull AssistanceStage stage,
        @NotNull AssistanceStatus status,
        OrgType providerType,
        @PastOrPresent LocalDate startDate,
        LocalDate endDate) {

    @AssertTrue(message = "must not be before startDate")
    boolean isEndDateAfterStart() {
        return startDate == null || endDate == null || !endDate.isBefore(startDate);
    }
}

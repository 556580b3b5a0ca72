package org.tributary.node.cases;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A follow-up contact, with the optional IOM Reintegration Sustainability Survey scores (0 to 1). */
public record FollowUpDto(
        @NotNull @PastOrPresent LocalDate date,
        @Size(max = 2000) String outcome,
        @DecimalMin("0") @DecimalMax("1") BigDecimal rssEconomic,
        @DecimalMin("0") @DecimalMax("1") BigDecimal rssSocial,
        @DecimalMin("0") @DecimalMax("1") BigDecimal rssPsychosocial,
        @DecimalMin("0") @DecimalMax("1") BigDecimal rssComposite) {}

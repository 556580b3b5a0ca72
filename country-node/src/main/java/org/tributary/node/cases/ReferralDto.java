package org.tributary.node.cases;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.tributary.common.codes.ReferralDirection;
import org.tributary.common.codes.ReferralReason;

/** An incoming or outgoing referral (HTCDS {@code cas_*Referral*} fields, plus a cross-border flag). */
public record ReferralDto(
        @NotNull ReferralDirection direction,
        @PastOrPresent LocalDate date,
        @Size(max = 200) String organisation,
        ReferralReason reason,
        @Size(max = 2000) String details,
        boolean crossBorder) {}

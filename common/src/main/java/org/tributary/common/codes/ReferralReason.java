package org.tributary.common.codes;

/** HTCDS {@code cas_ReasonForIncomingReferral} / {@code cas_ReasonForOutgoingReferral}. */
public enum ReferralReason implements CodeList {
    AdditionalServicesRequired,
    MigrationOrChangeOfLocation,
    Other;
}

package org.tributary.common.codes;

/** HTCDS {@code cas_Status}. */
public enum CaseStatus implements CodeList {
    Active,
    FollowUp,
    Closed,
    ClosedReferred;
}

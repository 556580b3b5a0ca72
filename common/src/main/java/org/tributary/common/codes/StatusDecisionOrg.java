package org.tributary.common.codes;

/** HTCDS {@code vic_TraffickingStatusDecisionMakingOrg}: who decided the trafficking status. */
public enum StatusDecisionOrg implements CodeList {
    Police,
    NGO,
    CourtOrProsecution,
    NonPoliceGovernmentalOrganization,
    Other;
}

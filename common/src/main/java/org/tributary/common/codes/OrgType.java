package org.tributary.common.codes;

/** HTCDS {@code org_Type}. */
public enum OrgType implements CodeList {
    NGO,
    LawEnforcement,
    HealthServiceOrganisation,
    CentralGovernmentOrganisation,
    LocalGovernmentOrganisation,
    ImmigrationService,
    LegalService,
    CorporateBusiness,
    SchoolOrCollege;
}

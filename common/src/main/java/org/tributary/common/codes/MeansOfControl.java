package org.tributary.common.codes;

/** HTCDS {@code vic_MethodsOfControl} (multi-select). */
public enum MeansOfControl implements CodeList {
    PhysicalThreats,
    ThreatsLawEnforcement,
    ThreatensChildrenFamily,
    DebtBondage,
    FalsePromises,
    PhysicalAbuse,
    SexualAbuse,
    TakesEarnings,
    RestrictsFinancialAccess,
    RestrictsMedicalCare,
    WithholdsNecessities,
    PsychologicalAbuse,
    PsychoactiveSubstance,
    ExcessiveWorkingHours,
    WithholdsDocuments,
    Other;
}

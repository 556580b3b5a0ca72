package org.tributary.common.codes;

import java.util.EnumSet;
import java.util.Set;

/**
 * Assistance service types: HTCDS {@code spl_Type} plus the services the reintegration literature counts
 * (Tributary extension).
 */
public enum ServiceType implements CodeList {
    Education,
    Financial,
    Health,
    LabourExploitationRehabilitation,
    Legal,
    Livelihood,
    RightsBasedTraining,
    SexualExploitationRehabilitation,
    SocialCare,
    Shelter,
    Psychosocial,
    Counselling,
    VocationalTraining,
    Grant,
    LegalEducation,
    Documentation,
    FamilyTracing,
    Repatriation;

    /**
     * The four services whose absence after return the GMS reintegration study counted: counselling, vocational
     * training, a grant or legal education.
     */
    public static final Set<ServiceType> CORE_REINTEGRATION =
            Set.copyOf(EnumSet.of(Counselling, VocationalTraining, Grant, LegalEducation));
}

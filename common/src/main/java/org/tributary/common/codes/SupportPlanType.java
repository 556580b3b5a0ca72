package org.tributary.common.codes;

/** HTCDS {@code spl_Type}: the support-plan types. */
public enum SupportPlanType implements CodeList {
    Education,
    Financial,
    Health,
    LabourExploitationRehabilitation,
    Legal,
    Livelihood,
    RightsBasedTraining,
    SexualExploitationRehabilitation,
    SocialCare;
}

package org.tributary.common.codes;

/** HTCDS {@code prs_Gender}. */
public enum Gender implements CodeList {
    Feminine,
    Masculine,
    TransgenderFeminine,
    TransgenderMasculine,
    NonConforming,
    NonSpecifiedUnknown;
}

package org.tributary.common.codes;

/** HTCDS {@code vic_TraffickingStatus}. */
public enum TraffickingStatus implements CodeList {
    PossibleVictimOfTrafficking,
    ActualVictimOfTrafficking,
    NotAVictimOfTrafficking;
}

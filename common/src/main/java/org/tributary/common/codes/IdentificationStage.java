package org.tributary.common.codes;

/** Tributary extension: where the person was identified as a (possible) victim. */
public enum IdentificationStage implements CodeList {
    Destination,
    Transit,
    OriginAfterReturn;
}

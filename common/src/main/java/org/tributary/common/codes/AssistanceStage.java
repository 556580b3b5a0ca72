package org.tributary.common.codes;

/** Tributary extension: where an assistance service was given. */
public enum AssistanceStage implements CodeList {
    Destination,
    Transit,
    Origin;
}

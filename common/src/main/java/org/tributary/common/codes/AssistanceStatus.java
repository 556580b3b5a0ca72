package org.tributary.common.codes;

/** Tributary extension: what happened to an assistance service. */
public enum AssistanceStatus implements CodeList {
    Offered,
    Declined,
    Received,
    Completed,
    NotAvailable;
}

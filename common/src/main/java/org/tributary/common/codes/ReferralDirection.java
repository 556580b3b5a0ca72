package org.tributary.common.codes;

/** Tributary extension: whether a referral came into this agency or went out of it. */
public enum ReferralDirection implements CodeList {
    Incoming,
    Outgoing;
}

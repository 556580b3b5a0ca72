package org.tributary.common.disclosure;

/** The verdict of one rule: allowed, or refused with a reason. */
public sealed interface Decision permits Decision.Allowed, Decision.Refused {

    Decision ALLOWED = new Allowed();

    static Decision refuse(RefusalReason reason, String detail) {
        return new Refused(reason, detail);
    }

    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    record Allowed() implements Decision {}

    /**
     * @param detail names the offending dimension or filter (words from the query, never data)
     */
    record Refused(RefusalReason reason, String detail) implements Decision {}
}

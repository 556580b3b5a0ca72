package org.tributary.node.web;

/** Which values an error report may quote back to the caller. */
public final class Quotable {

    private Quotable() {}

    /**
     * Whether an error report may quote the value at {@code path}: never personal details or free text (closing
     * reasons, case owner, organisations, details, outcomes), which may hold anything a person typed.
     */
    public static boolean echoable(String path) {
        return !(path.startsWith("personal")
                || path.startsWith("closureReason")
                || path.startsWith("caseOwner")
                || path.endsWith(".organisation")
                || path.endsWith(".details")
                || path.endsWith(".outcome")
                || path.equals("reason"));
    }
}

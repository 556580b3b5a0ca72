package org.tributary.node.cases;

import java.util.Locale;
import java.util.UUID;

/**
 * What the case audit trail records of a write: who did which of these to which case, and when — never the case's
 * content (an erased case leaves only its id and who erased it).
 */
sealed interface CaseAuditEntry {

    UUID caseId();

    /** The action as stored: {@code CREATED}, {@code UPDATED}, {@code CLOSED}, {@code ERASED}. */
    default String action() {
        return getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    record Created(UUID caseId) implements CaseAuditEntry {}

    record Updated(UUID caseId) implements CaseAuditEntry {}

    record Closed(UUID caseId) implements CaseAuditEntry {}

    record Erased(UUID caseId) implements CaseAuditEntry {}
}

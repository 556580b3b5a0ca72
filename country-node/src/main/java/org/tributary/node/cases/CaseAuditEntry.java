package org.tributary.node.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What the case audit trail records of a write: who did which of these to which case, and when, and the names of the
 * fields a change touched — never the case's content or any value (an erased case leaves only its id and who erased
 * it).
 */
sealed interface CaseAuditEntry {

    UUID caseId();

    /** The action as stored: {@code CREATED}, {@code UPDATED}, {@code CLOSED}, {@code ASSIGNED}, {@code ERASED}. */
    default String action() {
        return getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    /** The names of the fields changed, comma-separated as stored; null when the action says it all. */
    default String detail() {
        return null;
    }

    /** The field names a stored {@link #detail()} holds. */
    static List<String> fields(String detail) {
        return detail == null || detail.isBlank()
                ? List.of()
                : Arrays.stream(detail.split(",")).map(String::strip).toList();
    }

    record Created(UUID caseId) implements CaseAuditEntry {}

    /** A change through the case form: the names of the fields whose values differ. */
    record Updated(UUID caseId, List<String> fields) implements CaseAuditEntry {
        public Updated {
            fields = List.copyOf(fields);
        }

        @Override
        public String detail() {
            return String.join(",", fields);
        }
    }

    record Closed(UUID caseId) implements CaseAuditEntry {
        @Override
        public String detail() {
            return "caseStatus,closureReason";
        }
    }

    /** A supervisor's assignment: owner and assignees. */
    record Assigned(UUID caseId) implements CaseAuditEntry {
        @Override
        public String detail() {
            return "caseOwner,assignees";
        }
    }

    record Erased(UUID caseId) implements CaseAuditEntry {}
}

package org.tributary.node.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case's history as {@code GET /api/cases/{id}/history} gives it: who changed which fields when. Never a value, old
 * or new: the history is for accountability (who touched the record), the case itself for its content.
 *
 * @param caseId the case
 * @param entries oldest first
 */
public record CaseHistory(UUID caseId, List<Entry> entries) {

    public CaseHistory {
        entries = List.copyOf(entries);
    }

    /**
     * One write.
     *
     * @param actor the token subject of who did it (a Keycloak user or service-account id, not a name)
     * @param action {@code CREATED}, {@code UPDATED}, {@code CLOSED}, {@code ASSIGNED}, {@code IMPORTED} (created by an
     *     import) or {@code IMPORT_REPLACED} (replaced by an import: every field may have changed)
     * @param fields the names of the fields changed, when the action names them
     */
    public record Entry(Instant at, String actor, String action, List<String> fields) {
        public Entry {
            fields = List.copyOf(fields);
        }
    }
}

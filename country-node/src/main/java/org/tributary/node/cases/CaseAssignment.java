package org.tributary.node.cases;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Who a case is with: its owner (HTCDS {@code cas_CaseOwner}: a Keycloak username) and the case workers assigned to it
 * besides, sorted; the case's version, for the next assignment's If-Match.
 */
public record CaseAssignment(String owner, List<String> assignees, long version) {

    public CaseAssignment {
        assignees = List.copyOf(assignees);
    }

    /**
     * A supervisor's assignment.
     *
     * @param version the version read (alternative to If-Match)
     */
    public record Request(
            @NotBlank @Size(max = 100) String owner,
            @Size(max = 50) List<@NotNull @Size(max = 100) String> assignees,
            Long version) {

        public Request {
            assignees = assignees == null ? List.of() : assignees;
        }
    }
}

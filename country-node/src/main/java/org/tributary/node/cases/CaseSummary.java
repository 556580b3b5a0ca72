package org.tributary.node.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.tributary.common.codes.CaseStatus;
import org.tributary.common.codes.ExploitationType;
import org.tributary.common.codes.Gender;
import org.tributary.common.codes.IdentificationStage;
import org.tributary.common.codes.TraffickingStatus;

/** A line of the case list. Deliberately without personal identifiers or exact ages: only the age band. */
public record CaseSummary(
        UUID id,
        String externalRef,
        long version,
        LocalDate registeredOn,
        TraffickingStatus traffickingStatus,
        IdentificationStage identificationStage,
        Gender gender,
        String ageBand,
        List<String> citizenship,
        String countryOfExploitation,
        List<ExploitationType> exploitationTypes,
        CaseStatus caseStatus,
        Instant updatedAt) {}

package org.tributary.node.release;

import java.util.List;

/**
 * The first indicator catalogue: each is a count or a ratio of protected counts that the aggregator computes
 * from count queries over these dimensions. A node offers an indicator when its policy allows every dimension.
 */
enum Indicator {
    identifiedVictims(
            "identified-victims",
            "Identified victims by corridor",
            List.of("citizenship", "countryOfExploitation", "traffickingStatus")),
    identificationStage(
            "identification-stage",
            "Share identified at destination, in transit, after return",
            List.of("identificationStage")),
    informedOfEntitlements(
            "informed-of-entitlements",
            "Share informed of their entitlement to assistance",
            List.of("informedOfEntitlements")),
    noAssistanceAtDestination(
            "no-assistance-at-destination",
            "Share with no assistance at destination",
            List.of("assistedAtDestination", "identificationStage")),
    assistanceByService(
            "assistance-by-service",
            "Share receiving each service type, by stage",
            List.of("destinationService", "originService")),
    declinedAssistance(
            "declined-assistance",
            "Share offered assistance who declined it",
            List.of("assistanceOfferedAtDestination", "assistanceDeclined")),
    noReintegrationService(
            "no-reintegration-service",
            "Returnees with none of counselling, vocational training, grant, legal education",
            List.of("returned", "reintegrationService")),
    reintegrationCoverage(
            "reintegration-coverage",
            "Returnees with at least one reintegration service at origin",
            List.of("returned", "originService")),
    assistedReturns(
            "assisted-returns",
            "Assisted returns by corridor",
            List.of("returned", "citizenship", "countryOfExploitation")),
    exploitationForms(
            "exploitation-forms",
            "Identified victims by form of exploitation and sex",
            List.of("exploitationType", "gender")),
    timeToFirstService(
            "time-to-first-service",
            "Persons by days from identification to first service",
            List.of("daysToFirstService")),
    followUpCoverage(
            "follow-up-coverage", "Share followed up within 12 months", List.of("returned", "followUpWithin12Months"));

    final String id;
    final String title;
    final List<String> dimensions;

    Indicator(String id, String title, List<String> dimensions) {
        this.id = id;
        this.title = title;
        this.dimensions = dimensions;
    }
}

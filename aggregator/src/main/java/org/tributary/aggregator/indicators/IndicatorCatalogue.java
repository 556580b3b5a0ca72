package org.tributary.aggregator.indicators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tributary.aggregator.indicators.Measure.Count;
import org.tributary.aggregator.indicators.Measure.Share;
import org.tributary.aggregator.regional.Unit;

/**
 * The first regional indicator catalogue (docs/domain.md). Every indicator counts identified victims (possible and
 * actual victims of trafficking); shares are computed from a protected numerator and a protected denominator.
 */
final class IndicatorCatalogue {

    static final String IDENTIFIED_DIMENSION = "traffickingStatus";
    static final Set<String> IDENTIFIED = Set.of("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking");

    /** Key fields whose completeness the data-completeness indicator reports ({@code _U} = not recorded). */
    static final List<String> KEY_FIELDS = List.of(
            "ageBand",
            "citizenship",
            "countryOfExploitation",
            "exploitationType",
            "identificationStage",
            "informedOfEntitlements");

    private static final Map<String, IndicatorDefinition> ALL = new LinkedHashMap<>();

    static {
        add(
                "identified-victims",
                "Identified victims by corridor",
                "Identified victims (possible and actual) by citizenship and country of exploitation.",
                Unit.PERSONS,
                series(List.of("citizenship", "countryOfExploitation"), Map.of(), Map.of(), new Count()));
        add(
                "identification-stage",
                "Share identified at destination, in transit, after return",
                "Share of identified victims by the stage at which they were identified.",
                Unit.RATIO,
                series(
                        List.of("identificationStage"),
                        Map.of(),
                        Map.of(),
                        Share.each("identificationStage", "identificationStage")));
        add(
                "informed-of-entitlements",
                "Share informed of their entitlement to assistance",
                "Share of identified victims recorded as informed of their entitlement to assistance.",
                Unit.RATIO,
                series(
                        List.of("informedOfEntitlements"),
                        Map.of(),
                        Map.of(),
                        Share.of("informedOfEntitlements", "yes")));
        add(
                "no-assistance-at-destination",
                "Share with no assistance at destination",
                "Share of identified victims who received no assistance in the destination country.",
                Unit.RATIO,
                series(List.of("assistedAtDestination"), Map.of(), Map.of(), Share.of("assistedAtDestination", "no")));
        add(
                "assistance-by-service",
                "Share receiving each service type, by stage",
                "Share of identified victims receiving each service at destination, and of returnees receiving each"
                        + " service in the country of origin.",
                Unit.RATIO,
                series(
                        List.of("destinationService"),
                        Map.of(),
                        Map.of("stage", "destination"),
                        Share.each("destinationService", "service")),
                series(
                        List.of("originService"),
                        Map.of("returned", Set.of("yes")),
                        Map.of("stage", "origin"),
                        Share.each("originService", "service")));
        add(
                "declined-assistance",
                "Share offered assistance who declined it",
                "Of identified victims offered assistance at destination, the share who declined some of it.",
                Unit.RATIO,
                series(
                        List.of("assistanceDeclined"),
                        Map.of("assistanceOfferedAtDestination", Set.of("yes")),
                        Map.of(),
                        Share.of("assistanceDeclined", "yes")));
        add(
                "no-reintegration-service",
                "Returnees with none of counselling, vocational training, grant, legal education",
                "Share of returnees who received none of the core reintegration services after return.",
                Unit.RATIO,
                series(
                        List.of("reintegrationService"),
                        Map.of("returned", Set.of("yes")),
                        Map.of(),
                        Share.of("reintegrationService", "no")));
        add(
                "reintegration-coverage",
                "Returnees with at least one reintegration service at origin",
                "Share of returnees with at least one service in the country of origin.",
                Unit.RATIO,
                series(
                        List.of("originService"),
                        Map.of("returned", Set.of("yes")),
                        Map.of(),
                        Share.allBut("originService", "None", "originService", "any")));
        add(
                "assisted-returns",
                "Assisted returns by corridor",
                "Returned victims by citizenship and country of exploitation.",
                Unit.PERSONS,
                series(
                        List.of("citizenship", "countryOfExploitation"),
                        Map.of("returned", Set.of("yes")),
                        Map.of(),
                        new Count()));
        add(
                "exploitation-forms",
                "Identified victims by form of exploitation and sex",
                "Identified victims by form of exploitation (one person may count in several forms) and sex.",
                Unit.PERSONS,
                series(List.of("exploitationType", "gender"), Map.of(), Map.of(), new Count()));
        add(
                "time-to-first-service",
                "Persons by days from identification to first service",
                "Identified victims by days from registration to the first service, in bands (no medians: a median"
                        + " is one person's value).",
                Unit.PERSONS,
                series(List.of("daysToFirstService"), Map.of(), Map.of(), new Count()));
        add(
                "follow-up-coverage",
                "Share of returnees followed up within 12 months",
                "Share of returnees with a follow-up within 12 months of registration or return.",
                Unit.RATIO,
                series(
                        List.of("followUpWithin12Months"),
                        Map.of("returned", Set.of("yes")),
                        Map.of(),
                        Share.of("followUpWithin12Months", "yes")));
        List<Series> completeness = new ArrayList<>();
        for (String field : KEY_FIELDS) {
            completeness.add(
                    series(List.of(field), Map.of(), Map.of("field", field), Share.allBut(field, "_U", null, null)));
        }
        add(
                "data-completeness",
                "Share of records with each key field filled",
                "Per country and for the region, the share of identified victims' records in which each key field"
                        + " is recorded.",
                Unit.RATIO,
                completeness.toArray(Series[]::new));
    }

    private IndicatorCatalogue() {}

    static List<IndicatorDefinition> all() {
        return List.copyOf(ALL.values());
    }

    static Optional<IndicatorDefinition> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    private static void add(String id, String title, String description, Unit unit, Series... series) {
        ALL.put(id, new IndicatorDefinition(id, title, description, unit, List.of(series)));
    }

    private static Series series(
            List<String> dimensions, Map<String, Set<String>> filters, Map<String, String> tags, Measure measure) {
        Map<String, Set<String>> all = new LinkedHashMap<>(filters);
        all.put(IDENTIFIED_DIMENSION, IDENTIFIED);
        return new Series(dimensions, all, tags, measure);
    }
}

package org.tributary.aggregator.indicators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tributary.aggregator.indicators.Measure.Count;
import org.tributary.aggregator.indicators.Measure.Share;
import org.tributary.aggregator.regional.Unit;

/**
 * The regional indicator catalogue (docs/domain.md), computed from the nodes' catalogue releases: each series reads
 * one catalogue table. Every indicator counts identified victims (possible and actual victims of trafficking);
 * shares are computed from a protected numerator and a protected denominator of the same release.
 */
final class IndicatorCatalogue {

    /** Key fields whose completeness the data-completeness indicator reports, and the table each is read from. */
    static final Map<String, String> KEY_FIELDS = new LinkedHashMap<>();

    static {
        KEY_FIELDS.put("ageBand", "identified-by-age");
        KEY_FIELDS.put("citizenship", "identified-by-corridor");
        KEY_FIELDS.put("countryOfExploitation", "identified-by-corridor");
        KEY_FIELDS.put("exploitationType", "exploitation-by-sex");
        KEY_FIELDS.put("identificationStage", "identification-stage");
        KEY_FIELDS.put("informedOfEntitlements", "informed-of-entitlements");
    }

    private static final Map<String, IndicatorDefinition> ALL = new LinkedHashMap<>();

    static {
        add(
                "identified-victims",
                "Identified victims by corridor",
                "Identified victims (possible and actual) by citizenship and country of exploitation.",
                Unit.PERSONS,
                series("identified-by-corridor", List.of("citizenship", "countryOfExploitation"), new Count()));
        add(
                "identified-victims-by-sex",
                "Identified victims by sex",
                "Identified victims (possible and actual) by sex (F, M, other or unknown).",
                Unit.PERSONS,
                series("identified-by-sex", List.of("gender"), new Count()));
        add(
                "identified-victims-by-age",
                "Identified victims by age band",
                "Identified victims (possible and actual) by age band at identification.",
                Unit.PERSONS,
                series("identified-by-age", List.of("ageBand"), new Count()));
        add(
                "identification-stage",
                "Share identified at destination, in transit, after return",
                "Share of identified victims by the stage at which they were identified.",
                Unit.RATIO,
                series(
                        "identification-stage",
                        List.of("identificationStage"),
                        Share.each("identificationStage", "identificationStage")));
        add(
                "informed-of-entitlements",
                "Share informed of their entitlement to assistance",
                "Share of identified victims recorded as informed of their entitlement to assistance.",
                Unit.RATIO,
                series(
                        "informed-of-entitlements",
                        List.of("informedOfEntitlements"),
                        Share.of("informedOfEntitlements", "yes")));
        add(
                "no-assistance-at-destination",
                "Share with no assistance at destination",
                "Share of identified victims who received no assistance in the destination country.",
                Unit.RATIO,
                // "None" is held alone: persons with no service received at destination.
                series("destination-services", List.of("destinationService"), Share.of("destinationService", "None")));
        add(
                "assistance-by-service",
                "Share receiving each service type, by stage",
                "Share of identified victims receiving each service at destination, and of returnees receiving each"
                        + " service in the country of origin.",
                Unit.RATIO,
                new Series(
                        "destination-services",
                        List.of("destinationService"),
                        Map.of("stage", "destination"),
                        Share.each("destinationService", "service")),
                new Series(
                        "origin-services",
                        List.of("originService"),
                        Map.of("stage", "origin"),
                        Share.each("originService", "service")));
        add(
                "declined-assistance",
                "Share offered assistance who declined it",
                "Of identified victims offered assistance at destination, the share who declined some of it.",
                Unit.RATIO,
                series("declined-assistance", List.of("assistanceDeclined"), Share.of("assistanceDeclined", "yes")));
        add(
                "no-reintegration-service",
                "Returnees with none of counselling, vocational training, grant, legal education",
                "Share of returnees who received none of the core reintegration services after return.",
                Unit.RATIO,
                series("reintegration-core", List.of("reintegrationService"), Share.of("reintegrationService", "no")));
        add(
                "reintegration-coverage",
                "Returnees with at least one reintegration service at origin",
                "Share of returnees with at least one service in the country of origin.",
                Unit.RATIO,
                series(
                        "origin-services",
                        List.of("originService"),
                        Share.allBut("originService", "None", "originService", "any")));
        add(
                "assisted-returns",
                "Assisted returns by corridor",
                "Returned victims by citizenship and country of exploitation.",
                Unit.PERSONS,
                series("returns-by-corridor", List.of("citizenship", "countryOfExploitation"), new Count()));
        add(
                "exploitation-forms",
                "Identified victims by form of exploitation and sex",
                "Identified victims by form of exploitation (one person may count in several forms) and sex.",
                Unit.PERSONS,
                series("exploitation-by-sex", List.of("exploitationType", "gender"), new Count()));
        add(
                "time-to-first-service",
                "Persons by days from identification to first service",
                "Identified victims by days from registration to the first service, in bands (no medians: a median"
                        + " is one person's value).",
                Unit.PERSONS,
                series("days-to-first-service", List.of("daysToFirstService"), new Count()));
        add(
                "follow-up-coverage",
                "Share of returnees followed up within 12 months",
                "Share of returnees with a follow-up within 12 months of registration or return.",
                Unit.RATIO,
                series("follow-up", List.of("followUpWithin12Months"), Share.of("followUpWithin12Months", "yes")));
        List<Series> completeness = new ArrayList<>();
        KEY_FIELDS.forEach((field, table) -> completeness.add(new Series(
                table,
                List.of(field),
                Map.of("field", field),
                Share.allBut(field, org.tributary.common.federation.FederationContract.UNKNOWN, null, null))));
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

    private static Series series(String table, List<String> dimensions, Measure measure) {
        return new Series(table, dimensions, Map.of(), measure);
    }
}

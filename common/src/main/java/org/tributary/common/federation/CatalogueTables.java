package org.tributary.common.federation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue: the fixed tables every node releases once per period, the one definition both sides use. Every
 * table counts identified victims (possible and actual victims of trafficking) and has {@code year} as its first
 * dimension, so that every release is a time series and its totals over years are margins of it.
 *
 * <p>The tables are designed as one linked set: apart from {@code year} (in all of them) and {@code returned} (in
 * the returnee tables), no two tables share a dimension unless one's dimensions contain the other's. The set is
 * therefore decomposable (a star of tables around {@code year} and {@code year × returned}): what an attacker can
 * derive from all of them together is what the tables' own margins and the cells they share give, which is what
 * the linked suppression's interval audit models. A new table must keep that shape ({@code CatalogueTablesTest}).
 * A table that recodes another's dimension (core reintegration services are a union of origin services) is marked
 * and released under rounding only.
 */
public final class CatalogueTables {

    public static final String IDENTIFIED_DIMENSION = "traffickingStatus";
    public static final Set<String> IDENTIFIED = Set.of("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking");

    private static final Map<String, CatalogueTable> ALL = new LinkedHashMap<>();

    static {
        add("identified-by-year", "Identified victims by year", List.of());
        add("identified-by-sex", "Identified victims by year and sex", List.of("gender"));
        add("identified-by-age", "Identified victims by year and age band", List.of("ageBand"));
        add(
                "identified-by-corridor",
                "Identified victims by year, citizenship and country of exploitation",
                List.of("citizenship", "countryOfExploitation"));
        add(
                "exploitation-by-sex",
                "Identified victims by year, form of exploitation and sex",
                List.of("exploitationType", "gender"));
        add(
                "identification-stage",
                "Identified victims by year and stage of identification",
                List.of("identificationStage"));
        add(
                "informed-of-entitlements",
                "Identified victims by year and whether informed of their entitlements",
                List.of("informedOfEntitlements"));
        add(
                "destination-services",
                "Identified victims by year and service received at destination",
                List.of("destinationService"));
        add("returned", "Identified victims by year and whether returned", List.of("returned"));
        add(
                "days-to-first-service",
                "Identified victims by year and days from identification to first service",
                List.of("daysToFirstService"));
        add(
                "declined-assistance",
                "Victims offered assistance at destination, by year and whether they declined some",
                List.of("assistanceDeclined"),
                Map.of("assistanceOfferedAtDestination", Set.of("yes")));
        Map<String, Set<String>> returnees = Map.of("returned", Set.of("yes"));
        add("origin-services", "Returnees by year and service received at origin", List.of("originService"), returnees);
        add(
                "reintegration-core",
                "Returnees by year and whether they received a core reintegration service",
                List.of("reintegrationService"),
                returnees,
                "origin-services");
        add(
                "follow-up",
                "Returnees by year and whether followed up within 12 months",
                List.of("followUpWithin12Months"),
                returnees);
        add(
                "returns-by-corridor",
                "Returnees by year, citizenship and country of exploitation",
                List.of("citizenship", "countryOfExploitation"),
                returnees);
    }

    private CatalogueTables() {}

    public static List<CatalogueTable> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<CatalogueTable> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    private static void add(String id, String title, List<String> dimensions) {
        add(id, title, dimensions, Map.of());
    }

    private static void add(String id, String title, List<String> dimensions, Map<String, Set<String>> filters) {
        add(id, title, dimensions, filters, null);
    }

    private static void add(
            String id, String title, List<String> dimensions, Map<String, Set<String>> filters, String recodes) {
        List<String> all = new ArrayList<>();
        all.add("year");
        all.addAll(dimensions);
        Map<String, Set<String>> withIdentified = new LinkedHashMap<>(filters);
        withIdentified.put(IDENTIFIED_DIMENSION, IDENTIFIED);
        ALL.put(id, new CatalogueTable(id, title, all, withIdentified, recodes));
    }
}

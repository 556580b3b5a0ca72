package org.tributary.node.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.TrueCell;
import org.tributary.common.federation.CatalogueTables;
import org.tributary.common.federation.FederationContract;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;
import org.tributary.node.support.OwnerDatabase;
import org.tributary.node.support.SampleImports;
import org.tributary.node.support.Samples;
import org.tributary.node.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The release API over real data: catalogue releases computed once per period and checked cell by cell against an
 * independent count of the same persons; the counting paths (cell table and cases) against each other; refusals,
 * policy changes, release periods and the audit chain. Ad-hoc differentially private queries are tested in
 * {@link AdHocQueriesIT}.
 */
@NodeIntegrationTest
class ReleaseApiIT {

    static final int K = 5;
    static final int B = 5;
    static final String IDENTIFIED =
            "trafficking_status in ('PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking')";

    @Autowired
    ApplicationContext context;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TableCounter counter;

    Http staff;
    Http aggregator;

    @BeforeEach
    void data() throws IOException, InterruptedException {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        staff = new Http(port);
        aggregator = new Http(port, Tokens::aggregator);
        assertThat(SampleImports.ensure(staff, jdbc, "VN", 9, 1500)).isEqualTo("SUCCEEDED");
    }

    /** A new release period (the data changed since the last one), and its catalogue release. */
    JsonNode freshCatalogue() {
        var started = staff.postJson("/api/release-periods", "{\"reason\":\"test data imported\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return catalogue();
    }

    JsonNode catalogue() {
        var response = aggregator.get(FederationContract.CATALOGUE_RELEASE);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static JsonNode table(JsonNode release, String id) {
        for (JsonNode entry : release.get("tables")) {
            if (entry.get("tableId").asText().equals(id)) {
                assertThat(entry.path("refusal").isMissingNode()
                                || entry.path("refusal").isNull())
                        .as("table %s refused: %s", id, entry.path("refusal"))
                        .isTrue();
                return entry.get("table");
            }
        }
        throw new AssertionError("no table " + id);
    }

    /** The truth, computed without the release path: identified victims by year and F/M/X, with all margins. */
    Map<String, Long> trueByYearAndSex() {
        Map<String, Long> truth = new HashMap<>();
        jdbc.sql("select coalesce(registration_year::text, '_U'), gender from cases where " + IDENTIFIED
                        + " and consent_to_aggregate_use is not false")
                .query(rs -> {
                    String g = rs.getString(2);
                    String sex = "Feminine".equals(g) ? "F" : "Masculine".equals(g) ? "M" : "X";
                    for (String y : List.of(rs.getString(1), "_T")) {
                        for (String s : List.of(sex, "_T")) {
                            truth.merge(y + "/" + s, 1L, Long::sum);
                        }
                    }
                });
        return truth;
    }

    static void assertProtected(JsonNode cell, long truth) {
        String status = cell.get("status").asText();
        if (truth > 0 && truth < K) {
            assertThat(status).as("a true count below k is suppressed").isEqualTo("SUPPRESSED");
            assertThat(cell.has("value")).isFalse();
            return;
        }
        long released = cell.get("value").asLong();
        assertThat(released).as("never in 1..k-1").matches(v -> v == 0 || v >= K);
        assertThat(Math.abs(released - truth))
                .as("within b of the truth %d", truth)
                .isLessThan(B);
        assertThat(released % B).isZero();
        assertThat(status).isEqualTo(truth == 0 ? "EXACT" : "ROUNDED");
    }

    @Test
    void everyCatalogueCellIsWithinBOfAnIndependentCountAndNeverSmall() {
        var release = freshCatalogue();
        var bySex = table(release, "identified-by-sex");
        Map<String, Long> truth = trueByYearAndSex();
        int checked = 0;
        for (JsonNode cell : bySex.get("cells")) {
            String key = cell.get("coordinates").get("year").asText() + "/"
                    + cell.get("coordinates").get("gender").asText();
            assertProtected(cell, truth.getOrDefault(key, 0L));
            checked++;
        }
        assertThat(checked).isEqualTo(truth.size());
        var metadata = bySex.get("metadata");
        assertThat(metadata.get("threshold").asInt()).isEqualTo(K);
        assertThat(metadata.get("roundingBase").asInt()).isEqualTo(B);
        assertThat(metadata.get("mode").asText()).isEqualTo("ROUNDING");
        assertThat(metadata.get("nodeId").asText()).isEqualTo("node-kh");
        assertThat(metadata.get("releasePeriod").asText())
                .isEqualTo(release.get("releasePeriod").asText());
        assertThat(release.toString())
                .doesNotContain("keySum")
                .doesNotContain("cellKey")
                .doesNotContain("count\"");
    }

    @Test
    void theSamePersonsGetTheSameValueInEveryCatalogueTable() {
        var release = freshCatalogue();
        Map<String, JsonNode> byYear = new HashMap<>();
        for (JsonNode cell : table(release, "identified-by-year").get("cells")) {
            byYear.put(cell.get("coordinates").get("year").asText(), cell);
        }
        for (String id : List.of("identified-by-sex", "identified-by-age", "identification-stage", "returned")) {
            for (JsonNode cell : table(release, id).get("cells")) {
                var coordinates = cell.get("coordinates");
                String other = coordinates.propertyNames().stream()
                        .filter(d -> !d.equals("year"))
                        .findFirst()
                        .orElseThrow();
                if (coordinates.get(other).asText().equals("_T")) {
                    JsonNode same = byYear.get(coordinates.get("year").asText());
                    assertThat(same).as("%s %s", id, coordinates).isNotNull();
                    assertThat(cell.path("value")).as("%s %s", id, coordinates).isEqualTo(same.path("value"));
                    assertThat(cell.get("status")).isEqualTo(same.get("status"));
                }
            }
        }
    }

    @Test
    void theCatalogueReleaseIsComputedOncePerPeriodAndServedIdenticallyToEveryReader() {
        var first = freshCatalogue();
        String period = first.get("releasePeriod").asText();
        var again = catalogue();
        var asOperator = staff.get("/api/catalogue-release");
        assertThat(asOperator.status()).isEqualTo(200);
        assertThat(again).isEqualTo(first);
        assertThat(asOperator.json()).isEqualTo(first);
        long computed = jdbc.sql("select count(*) from release_audit where kind = 'CATALOGUE_RELEASE'"
                        + " and canonical_query like ?")
                .param("%\"" + period + "\"%")
                .query(Long.class)
                .single();
        assertThat(computed)
                .as("one computation for the period, however often it is read")
                .isEqualTo(1);
        assertThat(first.get("secretFingerprint").asText()).hasSize(32);
        assertThat(first.toString()).doesNotContain(environment.getProperty("tributary.release.secret"));
    }

    @Test
    void everyCatalogueTableIsReleasedOnTheSampleAndSaysWhichDimensionsAreMultiResponse() {
        var release = freshCatalogue();
        assertThat(release.get("tables")).hasSize(CatalogueTables.all().size());
        for (var t : CatalogueTables.all()) {
            var table = table(release, t.id());
            assertThat(table.get("metadata").get("dimensions").valueStream().map(JsonNode::asText))
                    .containsExactlyElementsOf(t.dimensions());
        }
        assertThat(table(release, "exploitation-by-sex")
                        .get("metadata")
                        .get("multiResponseDimensions")
                        .valueStream()
                        .map(JsonNode::asText))
                .containsExactly("exploitationType");
        // Every value of every table: nothing in 1..k-1.
        for (JsonNode entry : release.get("tables")) {
            for (JsonNode cell : entry.get("table").get("cells")) {
                if (cell.has("value")) {
                    assertThat(cell.get("value").asLong()).matches(v -> v == 0 || v >= K);
                }
            }
        }
    }

    /**
     * The cell table's SQL (migration V3) and the dimension catalogue's SQL (Dimension.java) must put every person
     * in the same cell. A filter on a dimension the cell table lacks ("returned" is yes or no for everyone) forces
     * the same question through the cases; both answers must match cell for cell, for all eight dimensions.
     */
    @Test
    void everyCoarseDimensionGivesTheSameCellsFromTheCellTableAsFromTheCases() {
        for (String dimension : List.of(
                "year",
                "gender",
                "ageBand",
                "childAdult",
                "identificationStage",
                "traffickingStatus",
                "caseStatus",
                "countryOfExploitation")) {
            var fromCells = count(new CountQuery(List.of(dimension), Map.of(), null, null));
            var fromCases =
                    count(new CountQuery(List.of(dimension), Map.of("returned", Set.of("yes", "no")), null, null));
            assertThat(fromCases).as(dimension).isEqualTo(fromCells);
        }
    }

    List<TrueCell> count(CountQuery query) {
        return counter.count(query, false).orElseThrow().cells();
    }

    @Test
    void theCellTableStaysExactlyEqualToCountingTheCasesAfterEveryKindOfWrite() {
        String created = staff.postJson("/api/cases", Samples.caseJson("CELLS-1"))
                .json()
                .get("id")
                .asText();
        String noConsent = Samples.caseJson("CELLS-1")
                .replaceFirst("\\{", "{\"consentToAggregateUse\":false,\"version\":0,")
                .replace("\"Active\"", "\"Closed\"");
        assertThat(staff.putJson("/api/cases/" + created, noConsent, null).status())
                .isEqualTo(200);
        String other = staff.postJson("/api/cases", Samples.caseJson("CELLS-2"))
                .json()
                .get("id")
                .asText();
        assertThat(staff.delete("/api/cases/" + other).status()).isEqualTo(204);
        for (String dimension : List.of("year", "gender", "ageBand", "caseStatus", "countryOfExploitation")) {
            var fromCells = count(new CountQuery(List.of(dimension, "traffickingStatus"), Map.of(), null, null));
            var fromCases = count(new CountQuery(
                    List.of(dimension, "traffickingStatus"), Map.of("returned", Set.of("yes", "no")), null, null));
            assertThat(fromCases).as(dimension).isEqualTo(fromCells);
        }
        long negative = jdbc.sql("select count(*) from case_cells where n < 0")
                .query(Long.class)
                .single();
        assertThat(negative).isZero();
    }

    @Test
    void aMultiResponseDimensionCountsEachPersonOnceInItsMargin() {
        var cells = count(new CountQuery(List.of("exploitationType"), Map.of(), null, null));
        long total = cells.stream()
                .filter(c -> c.coordinates().get(0) == null)
                .findFirst()
                .orElseThrow()
                .count();
        long sum = cells.stream()
                .filter(c -> c.coordinates().get(0) != null)
                .mapToLong(TrueCell::count)
                .sum();
        long persons = jdbc.sql("select count(*) from cases where consent_to_aggregate_use is not false")
                .query(Long.class)
                .single();
        assertThat(total).isEqualTo(persons);
        assertThat(sum).as("some persons have two forms of exploitation").isGreaterThan(total);
    }

    @Test
    void policyChangesAreValidatedVersionedAuditedAndStartANewPeriodWhenTheyChangeReleasedValues() {
        var before = staff.get("/api/policy").json();
        var invalid = staff.putJson("/api/policy", """
                {"threshold":2,"roundingBase":2,"mode":"DIFFERENTIAL_PRIVACY","minPopulation":1,
                 "allowedDimensions":["year","village"],"maxDimensions":0,"killSwitch":false,"suppressZeros":false}""", null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("reason"))
                .contains(
                        "threshold k must be at least 3",
                        "roundingBase b must be at least 3 (a base of 1 or 2 releases exact values that margins undo)",
                        "mode must be ROUNDING or SUPPRESSION_ONLY (how catalogue releases are protected)",
                        "maxDimensions must be between 1 and 5",
                        "is no dimension of this node's catalogue");
        // The database refuses a base below 3 too, whatever writes it.
        assertThatThrownBy(() -> jdbc.sql("insert into disclosure_policy (version, created_at, created_by, threshold,"
                                + " rounding_base, mode, min_population, allowed_dimensions, max_dimensions,"
                                + " kill_switch, suppress_zeros) values (100000, now(), 'test', 5, 2, 'ROUNDING', 20,"
                                + " '{year}', 3, false, false)")
                        .update())
                .hasMessageContaining("disclosure_policy_rounding_base_at_least_3");

        String period = aggregator
                .get(FederationContract.CAPABILITIES)
                .json()
                .get("releasePeriod")
                .asText();
        String allowed = before.get("allowedDimensions").toString();
        var budgetOnly = staff.putJson("/api/policy", policy(allowed, "ROUNDING", false, dp(20, "0.02", "100")), null);
        assertThat(budgetOnly.status()).as(budgetOnly.body()).isEqualTo(200);
        assertThat(budgetOnly.json().get("version").asLong())
                .isEqualTo(before.get("version").asLong() + 1);
        assertThat(aggregator
                        .get(FederationContract.CAPABILITIES)
                        .json()
                        .get("releasePeriod")
                        .asText())
                .as("a budget change releases no cell differently: same period")
                .isEqualTo(period);
        try {
            var changed = staff.putJson("/api/policy", policy(allowed, "SUPPRESSION_ONLY", false, null), null);
            assertThat(changed.status()).isEqualTo(200);
            String next = aggregator
                    .get(FederationContract.CAPABILITIES)
                    .json()
                    .get("releasePeriod")
                    .asText();
            assertThat(next).isNotEqualTo(period);
            var entry = jdbc.sql("select canonical_query from release_audit where kind = 'RELEASE_PERIOD'"
                            + " order by seq desc limit 1")
                    .query(String.class)
                    .single();
            assertThat(entry).contains(next).contains("secretFingerprint").contains("changes how published cells");
            assertThat(entry).doesNotContain(environment.getProperty("tributary.release.secret"));
        } finally {
            assertThat(staff.putJson("/api/policy", policy(allowed, "ROUNDING", false, null), null)
                            .status())
                    .isEqualTo(200);
        }
        var kinds = staff.get("/api/audit?size=10").json().get("items").findValuesAsString("kind");
        assertThat(kinds).contains("POLICY_CHANGE", "RELEASE_PERIOD");
    }

    /** A whole policy at the defaults, with this mode, kill switch and (if not null) these DP settings. */
    static String policy(String allowed, String mode, boolean killSwitch, String dp) {
        return """
                {"threshold":5,"roundingBase":5,"mode":"%s","minPopulation":20,"allowedDimensions":%s,
                 "maxDimensions":3,"killSwitch":%s,"suppressZeros":false%s}""".formatted(mode, allowed, killSwitch, dp == null ? "" : ",\"dp\":" + dp);
    }

    /** DP settings with this σ and these budgets (ρ per period). */
    static String dp(int sigma, String requesterBudget, String globalBudget) {
        return """
                {"sigma":%d,"multiResponseBound":2,"requesterBudget":%s,"globalBudget":%s,"maxGridCells":2000,
                 "yearWindow":15}""".formatted(sigma, requesterBudget, globalBudget);
    }

    @Test
    void theKillSwitchStopsEveryRelease() {
        String allowed =
                staff.get("/api/policy").json().get("allowedDimensions").toString();
        assertThat(staff.putJson("/api/policy", policy(allowed, "ROUNDING", true, null), null)
                        .status())
                .isEqualTo(200);
        try {
            var refused = aggregator.get(FederationContract.CATALOGUE_RELEASE);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            var adHoc = aggregator.postJson(
                    FederationContract.COUNT_QUERIES,
                    "{\"dimensions\":[\"gender\"]}",
                    Map.of(FederationContract.REQUESTER_TOKEN_HEADER, Tokens.analyst("analyst-kill-switch")));
            assertThat(adHoc.status()).isEqualTo(503);
            assertThat(adHoc.json().get("reason").asText()).isEqualTo("RELEASE_DISABLED");
            assertThat(aggregator
                            .get(FederationContract.CAPABILITIES)
                            .json()
                            .get("releasesEnabled")
                            .asBoolean())
                    .isFalse();
        } finally {
            assertThat(staff.putJson("/api/policy", policy(allowed, "ROUNDING", false, null), null)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void suppressionOnlyCataloguesReleaseExactValuesWithEverySmallCellHidden() {
        String allowed =
                staff.get("/api/policy").json().get("allowedDimensions").toString();
        assertThat(staff.putJson("/api/policy", policy(allowed, "SUPPRESSION_ONLY", false, null), null)
                        .status())
                .isEqualTo(200);
        try {
            var release = catalogue();
            assertThat(release.get("mode").asText()).isEqualTo("SUPPRESSION_ONLY");
            var bySex = table(release, "identified-by-sex");
            Map<String, Long> truth = trueByYearAndSex();
            int hidden = 0;
            for (JsonNode cell : bySex.get("cells")) {
                long n = truth.getOrDefault(
                        cell.get("coordinates").get("year").asText() + "/"
                                + cell.get("coordinates").get("gender").asText(),
                        0L);
                if (n > 0 && n < K) {
                    assertThat(cell.get("status").asText()).isEqualTo("SUPPRESSED");
                }
                if (cell.get("status").asText().equals("SUPPRESSED")) {
                    hidden++;
                } else {
                    assertThat(cell.get("status").asText()).isEqualTo("EXACT");
                    assertThat(cell.get("value").asLong())
                            .as("exact in this mode")
                            .isEqualTo(n);
                }
            }
            assertThat(hidden).as("small cells exist and are hidden").isPositive();
        } finally {
            staff.putJson("/api/policy", policy(allowed, "ROUNDING", false, null), null);
        }
    }

    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Test
    void theAuditChainVerifiesAndATamperedRowIsReportedAsTheFirstBrokenLink() {
        freshCatalogue();
        var intact = staff.get("/api/audit/verify").json();
        assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();
        long entries = intact.get("entries").asLong();
        assertThat(entries).isGreaterThanOrEqualTo(2);

        // The application's own connection cannot change the log, remove from it, empty it, or switch its guard off.
        long target = jdbc.sql("select min(seq) from release_audit where kind = 'CATALOGUE_RELEASE'")
                .query(Long.class)
                .single();
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (String attack : List.of(
                "update release_audit set requester = 'mallory' where seq = " + target,
                "delete from release_audit where seq = " + target,
                "truncate release_audit",
                "alter table release_audit disable trigger release_audit_no_update",
                "update case_audit set actor = 'mallory'",
                "delete from dp_spend",
                "truncate catalogue_release",
                "drop table release_audit")) {
            assertThatThrownBy(() -> jdbc.sql(attack).update())
                    .as(attack)
                    .satisfies(e -> refused.put(attack, firstLine(e)));
        }
        refused.forEach((attack, why) -> System.out.printf("as the application's role: %s -> %s%n", attack, why));
        assertThat(refused.get("alter table release_audit disable trigger release_audit_no_update"))
                .contains("must be owner");
        assertThat(refused.get("update release_audit set requester = 'mallory' where seq = " + target))
                .contains("permission denied");

        // Someone with the database's owner rights can: verify must then name the first broken entry.
        JdbcClient owner = OwnerDatabase.jdbc(context);
        String original = owner.sql("select canonical_query from release_audit where seq = ?")
                .param(target)
                .query(String.class)
                .single();
        owner.sql("alter table release_audit disable trigger release_audit_no_update")
                .update();
        try {
            owner.sql("update release_audit set canonical_query = '{dimensions=[gender]}' where seq = ?")
                    .param(target)
                    .update();
            var broken = staff.get("/api/audit/verify").json();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenSeq").asLong()).isEqualTo(target);
            assertThat(broken.get("problem").asText()).isEqualTo("content does not match its hash");
        } finally {
            owner.sql("update release_audit set canonical_query = ? where seq = ?")
                    .params(original, target)
                    .update();
            owner.sql("alter table release_audit enable trigger release_audit_no_update")
                    .update();
        }
        assertThat(staff.get("/api/audit/verify").json().get("intact").asBoolean())
                .isTrue();
        var page = staff.get("/api/audit?size=3").json();
        assertThat(page.get("items")).hasSizeLessThanOrEqualTo(3);
        assertThat(page.toString())
                .as("the log holds digests, never released values")
                .doesNotContain("\"value\"");
    }
}

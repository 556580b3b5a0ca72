package org.tributary.node.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.node.sample.SampleCaseGenerator;
import org.tributary.node.sample.SampleCsvWriter;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;
import org.tributary.node.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The release API over real data: every released number is checked against an independent count of the same
 * persons computed here from the raw rows, under the disclosure rules of the contract (k = 5, b = 5).
 */
@NodeIntegrationTest
class ReleaseApiIT {

    static final int K = 5;
    static final int B = 5;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void data() throws IOException, InterruptedException {
        http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
        if (jdbc.sql("select count(*) from cases where external_ref like 'VN-%'")
                        .query(Long.class)
                        .single()
                > 0) {
            return;
        }
        var generator = new SampleCaseGenerator("VN", 9);
        var out = new StringWriter();
        try (var writer = new SampleCsvWriter(out)) {
            for (int i = 0; i < 1500; i++) {
                writer.write(generator.generate(i));
            }
        }
        var response = http.post("/api/imports", "text/csv", out.toString().getBytes());
        String id = response.json().get("id").asText();
        for (int i = 0;
                i < 300
                        && http.get("/api/imports/" + id)
                                .json()
                                .get("status")
                                .asText()
                                .matches("QUEUED|RUNNING");
                i++) {
            Thread.sleep(100);
        }
        assertThat(http.get("/api/imports/" + id).json().get("status").asText()).isEqualTo("SUCCEEDED");
    }

    JsonNode query(String body) {
        var response = http.postJson("/federation/v1/count-queries", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The truth, computed without the release path: persons by gender (F/M/X) among counted cases. */
    Map<String, Long> trueByGender(String stage) {
        Map<String, Long> truth = new HashMap<>();
        jdbc.sql("select gender, identification_stage, consent_to_aggregate_use from cases")
                .query(rs -> {
                    Boolean consent = (Boolean) rs.getObject(3);
                    if (Boolean.FALSE.equals(consent) || stage != null && !stage.equals(rs.getString(2))) {
                        return;
                    }
                    String g = rs.getString(1);
                    String code = "Feminine".equals(g) ? "F" : "Masculine".equals(g) ? "M" : "X";
                    truth.merge(code, 1L, Long::sum);
                    truth.merge("_T", 1L, Long::sum);
                });
        return truth;
    }

    static void assertProtected(long released, boolean suppressed, long truth) {
        if (truth > 0 && truth < K) {
            assertThat(suppressed).as("true count below k is suppressed").isTrue();
            return;
        }
        assertThat(suppressed).isFalse();
        assertThat(released).as("never in 1..k-1").matches(v -> v == 0 || v >= K);
        assertThat(Math.abs(released - truth))
                .as("within b of the truth %d", truth)
                .isLessThan(B);
        assertThat(released % B).isZero();
    }

    @Test
    void releasedCellsAndMarginsAreWithinBOfAnIndependentCountAndNeverSmall() {
        var body = query("{\"dimensions\":[\"gender\"],\"filters\":{\"identificationStage\":[\"Destination\"]}}");
        Map<String, Long> truth = trueByGender("Destination");
        assertThat(body.get("cells")).hasSize(truth.size());
        for (JsonNode cell : body.get("cells")) {
            String gender = cell.get("coordinates").get("gender").asText();
            assertProtected(cell.path("value").asLong(), cell.path("suppressed").asBoolean(false), truth.get(gender));
        }
        var metadata = body.get("metadata");
        assertThat(metadata.get("threshold").asInt()).isEqualTo(K);
        assertThat(metadata.get("roundingBase").asInt()).isEqualTo(B);
        assertThat(metadata.get("mode").asText()).isEqualTo("ROUNDING");
        assertThat(metadata.get("nodeId").asText()).isEqualTo("node-kh");
        assertThat(body.toString())
                .doesNotContain("keySum")
                .doesNotContain("cellKey")
                .doesNotContain("count\"");
    }

    @Test
    void theSamePersonsGetTheSameReleasedValueWhateverTheQuery() {
        long byGender = total(query("{\"dimensions\":[\"gender\"]}"));
        long byStatus = total(query("{\"dimensions\":[\"caseStatus\",\"childAdult\"]}"));
        long alone = total(query("{\"dimensions\":[]}"));
        assertThat(byGender).isEqualTo(byStatus).isEqualTo(alone);
        var again = http.postJson("/federation/v1/count-queries", "{\"dimensions\":[\"gender\"]}")
                .json()
                .get("cells");
        assertThat(again).isEqualTo(query("{\"dimensions\":[\"gender\"]}").get("cells"));
    }

    @Test
    void theCellTableAndTheCaseTableGiveTheSameAnswerForTheSamePersons() {
        // gender alone is answered from case_cells, gender x returned from the cases themselves.
        var fromCells = query("{\"dimensions\":[\"gender\"]}");
        var fromCases = query("{\"dimensions\":[\"gender\",\"returned\"]}");
        assertThat(total(fromCells)).isEqualTo(total(fromCases));
        for (JsonNode cell : fromCases.get("cells")) {
            if (cell.get("coordinates").get("returned").asText().equals("_T")) {
                String gender = cell.get("coordinates").get("gender").asText();
                JsonNode same = null;
                for (JsonNode c : fromCells.get("cells")) {
                    if (c.get("coordinates").get("gender").asText().equals(gender)) {
                        same = c;
                    }
                }
                assertThat(same).as("gender %s", gender).isNotNull();
                assertThat(cell.path("value")).isEqualTo(same.path("value"));
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
            var fromCells = query("{\"dimensions\":[\"" + dimension + "\"]}").get("cells");
            var fromCases = query(
                            "{\"dimensions\":[\"" + dimension + "\"]," + "\"filters\":{\"returned\":[\"yes\",\"no\"]}}")
                    .get("cells");
            assertThat(fromCases).as(dimension).isEqualTo(fromCells);
        }
    }

    @Test
    void theCellTableStaysExactlyEqualToCountingTheCasesAfterEveryKindOfWrite() {
        String created = http.postJson("/api/cases", org.tributary.node.support.Samples.caseJson("CELLS-1"))
                .json()
                .get("id")
                .asText();
        String noConsent = org.tributary.node.support.Samples.caseJson("CELLS-1")
                .replaceFirst("\\{", "{\"consentToAggregateUse\":false,\"version\":0,")
                .replace("\"Active\"", "\"Closed\"");
        assertThat(http.putJson("/api/cases/" + created, noConsent, null).status())
                .isEqualTo(200);
        String other = http.postJson("/api/cases", org.tributary.node.support.Samples.caseJson("CELLS-2"))
                .json()
                .get("id")
                .asText();
        assertThat(http.postJson("/api/cases/" + other + "/close", "{}").status())
                .isEqualTo(200);
        assertThat(http.delete("/api/cases/" + other).status()).isEqualTo(204);
        String fresh = "select coalesce(registration_year::text, '_U') as year,"
                + " case gender when 'Feminine' then 'F' when 'Masculine' then 'M' else 'X' end as gender,"
                + " case when age_at_identification is null then '_U' when age_at_identification <= 8 then '0-8'"
                + " when age_at_identification <= 17 then '9-17' when age_at_identification <= 20 then '18-20'"
                + " when age_at_identification <= 23 then '21-23' when age_at_identification <= 26 then '24-26'"
                + " when age_at_identification <= 29 then '27-29' when age_at_identification <= 38 then '30-38'"
                + " when age_at_identification <= 47 then '39-47' else '48+' end as age_band,"
                + " case when age_at_identification is null then '_U' when age_at_identification < 18 then 'child'"
                + " else 'adult' end as child_adult, coalesce(identification_stage, '_U') as identification_stage,"
                + " trafficking_status, case_status, coalesce(trim(country_of_exploitation), '_U') as coe,"
                + " count(*)::bigint as n, sum(record_key)::bigint as key_sum from cases"
                + " where consent_to_aggregate_use is not false group by 1, 2, 3, 4, 5, 6, 7, 8";
        String table = "select year, gender, age_band, child_adult, identification_stage, trafficking_status,"
                + " case_status, country_of_exploitation, n, key_sum from case_cells where n <> 0";
        assertThat(jdbc.sql("select count(*) from ((" + fresh + ") except (" + table + ")) x")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from ((" + table + ") except (" + fresh + ")) x")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from case_cells where n < 0")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    static long total(JsonNode body) {
        for (JsonNode cell : body.get("cells")) {
            boolean allTotal = true;
            for (JsonNode code : cell.get("coordinates")) {
                allTotal &= code.asText().equals("_T");
            }
            if (allTotal) {
                return cell.get("value").asLong();
            }
        }
        throw new AssertionError("no grand total");
    }

    @Test
    void aMultiResponseDimensionCountsEachPersonOnceInItsMarginAndSaysSo() {
        var body = query("{\"dimensions\":[\"exploitationType\"]}");
        assertThat(body.get("metadata").get("multiResponseDimensions").toString())
                .contains("exploitationType");
        long persons = jdbc.sql("select count(*) from cases where consent_to_aggregate_use is not false")
                .query(Long.class)
                .single();
        long sumOfCells = 0;
        for (JsonNode cell : body.get("cells")) {
            String type = cell.get("coordinates").get("exploitationType").asText();
            if (type.equals("_T")) {
                assertProtected(cell.get("value").asLong(), false, persons);
                continue;
            }
            long truth = jdbc.sql(
                            "select count(*) from cases where consent_to_aggregate_use is not false and"
                                    + " (exploitation_types @> array[?]::text[] or (? = '_U' and cardinality(exploitation_types) = 0))")
                    .params(type, type)
                    .query(Long.class)
                    .single();
            assertProtected(cell.path("value").asLong(), cell.path("suppressed").asBoolean(false), truth);
            sumOfCells += cell.path("value").asLong();
        }
        assertThat(sumOfCells).as("persons with two forms count in two cells").isGreaterThan(persons);
    }

    @Test
    void theIndicatorQueriesOfTheCatalogueAreExpressible() {
        query("{\"dimensions\":[\"assistedAtDestination\",\"destinationService\"],"
                + "\"filters\":{\"identificationStage\":[\"Destination\",\"Transit\"]}}");
        query(
                "{\"dimensions\":[\"reintegrationService\",\"originService\"],\"filters\":{\"returned\":[\"yes\"],\"gender\":[\"F\"]}}");
        query("{\"dimensions\":[\"assistanceOfferedAtDestination\",\"assistanceDeclined\"]}");
        query("{\"dimensions\":[\"daysToFirstService\",\"year\"],\"yearFrom\":2022,\"yearTo\":2023}");
        query("{\"dimensions\":[\"citizenship\",\"countryOfExploitation\",\"returned\"]}");
        query("{\"dimensions\":[\"followUpWithin12Months\"],\"filters\":{\"returned\":[\"yes\"],\"gender\":[\"F\"]}}");
        var catalogue = http.get("/federation/v1/catalogue").json();
        assertThat(catalogue.get("indicators").findValuesAsString("id"))
                .contains("no-assistance-at-destination", "no-reintegration-service", "time-to-first-service");
        var capabilities = http.get("/federation/v1/capabilities").json();
        assertThat(capabilities.get("schemaVersion").asText()).isEqualTo("3");
        assertThat(capabilities.get("country").asText()).isEqualTo("KH");
    }

    @Test
    void badQueriesAreAnswered400WithTheReasonAndNever5xx() {
        assertRefused("{\"dimensions\":[\"village\"]}", 400, "UNKNOWN_DIMENSION");
        assertRefused("{\"dimensions\":[\"year\",\"gender\",\"ageBand\",\"caseStatus\"]}", 400, "TOO_MANY_DIMENSIONS");
        assertRefused("{\"dimensions\":[\"year\"],\"filters\":{\"gender\":[\"Female\"]}}", 400, "INVALID_FILTER");
        String huge = IntStream.range(0, 10_000).mapToObj(i -> "\"V" + i + "\"").collect(Collectors.joining(","));
        var hugeList = http.postJson(
                "/federation/v1/count-queries",
                "{\"dimensions\":[\"year\"],\"filters\":{\"citizenship\":[" + huge + "]}}");
        assertThat(hugeList.status()).isEqualTo(400);
        assertThat(hugeList.json().get("type").asText()).isEqualTo("urn:tributary:problem:validation");
        var nulls = http.postJson(
                "/federation/v1/count-queries", "{\"dimensions\":[null],\"filters\":{\"gender\":[null]}}");
        assertThat(nulls.status()).isEqualTo(400);
        var control = http.postJson("/federation/v1/count-queries", "{\"dimensions\":[\"ye\\u0000ar\"]}");
        assertThat(control.status()).isEqualTo(400);
        assertThat(http.postJson("/federation/v1/count-queries", "{\"dimensions\":[")
                        .status())
                .isEqualTo(400);
        assertThat(http.post("/federation/v1/count-queries", "text/plain", "x".getBytes())
                        .status())
                .isEqualTo(415);
        assertThat(http.postJson("/federation/v1/count-queries", "{}").status()).isEqualTo(400);
    }

    @Test
    void aPopulationBelowTheFloorIsRefused422WithoutItsCount() {
        // One ISIC section among ~20: a small population, refused before any cell is counted.
        long truth = jdbc.sql("select count(*) from cases where labour_industry = 'P_Education'"
                        + " and consent_to_aggregate_use is not false")
                .query(Long.class)
                .single();
        assertThat(truth).isLessThan(20);
        var response = http.postJson(
                "/federation/v1/count-queries",
                "{\"dimensions\":[\"gender\"],\"filters\":{\"labourIndustry\":[\"P_Education\"]}}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("reason").asText()).isEqualTo("POPULATION_TOO_SMALL");
        assertThat(response.json().get("detail").asText())
                .isEqualTo("The query selects too few persons to be released.");
        // The only number in the answer is the HTTP status: no count, whatever its value.
        response.json()
                .properties()
                .forEach(field -> assertThat(field.getValue().isNumber())
                        .as(field.getKey())
                        .isEqualTo(field.getKey().equals("status")));
    }

    void assertRefused(String body, int status, String reason) {
        var response = http.postJson("/federation/v1/count-queries", body);
        assertThat(response.status())
                .as(body.length() > 200 ? body.substring(0, 200) : body)
                .isEqualTo(status);
        assertThat(response.json().get("reason").asText()).isEqualTo(reason);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void policyChangesAreValidatedVersionedAuditedAndTheKillSwitchStopsReleases() {
        var before = http.get("/api/policy").json();
        var invalid = http.putJson("/api/policy", """
                {"threshold":2,"roundingBase":0,"mode":"ROUNDING","minPopulation":1,"allowedDimensions":["year","village"],
                 "maxDimensions":0,"killSwitch":false,"suppressZeros":false}""", null);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("reason"))
                .contains(
                        "threshold k must be at least 3", "rounding base b must be at least 1",
                        "maxDimensions must be between 1 and 5", "is no dimension of this node's catalogue");

        String allowed = before.get("allowedDimensions").toString();
        var off = http.putJson("/api/policy", """
                {"threshold":5,"roundingBase":5,"mode":"ROUNDING","minPopulation":20,"allowedDimensions":%s,
                 "maxDimensions":3,"killSwitch":true,"suppressZeros":false}""".formatted(allowed), null);
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("version").asLong())
                .isEqualTo(before.get("version").asLong() + 1);
        try {
            var refused = http.postJson("/federation/v1/count-queries", "{\"dimensions\":[\"gender\"]}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().get("reason").asText()).isEqualTo("RELEASE_DISABLED");
            assertThat(http.get("/federation/v1/capabilities")
                            .json()
                            .get("releasesEnabled")
                            .asBoolean())
                    .isFalse();
        } finally {
            var on = http.putJson("/api/policy", """
                    {"threshold":5,"roundingBase":5,"mode":"ROUNDING","minPopulation":20,"allowedDimensions":%s,
                     "maxDimensions":3,"killSwitch":false,"suppressZeros":false}""".formatted(allowed), null);
            assertThat(on.status()).isEqualTo(200);
        }
        var kinds = http.get("/api/audit?size=5").json().get("items").findValuesAsString("kind");
        assertThat(kinds).contains("POLICY_CHANGE", "COUNT_QUERY");
    }

    @Test
    void suppressionOnlyModeReleasesExactValuesWithSmallCellsHidden() {
        var before = http.get("/api/policy").json();
        String allowed = before.get("allowedDimensions").toString();
        var changed = http.putJson("/api/policy", """
                {"threshold":5,"roundingBase":1,"mode":"SUPPRESSION_ONLY","minPopulation":20,"allowedDimensions":%s,
                 "maxDimensions":3,"killSwitch":false,"suppressZeros":false}""".formatted(allowed), null);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        try {
            var response = http.postJson("/federation/v1/count-queries", "{\"dimensions\":[\"gender\"]}");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("metadata").get("mode").asText()).isEqualTo("SUPPRESSION_ONLY");
            Map<String, Long> truth = trueByGender(null);
            for (JsonNode cell : response.json().get("cells")) {
                long n = truth.get(cell.get("coordinates").get("gender").asText());
                assertThat(cell.path("suppressed").asBoolean(false)).isEqualTo(n > 0 && n < K);
                if (n == 0 || n >= K) {
                    assertThat(cell.get("value").asLong())
                            .as("exact in this mode")
                            .isEqualTo(n);
                }
            }
        } finally {
            http.putJson("/api/policy", """
                    {"threshold":5,"roundingBase":5,"mode":"ROUNDING","minPopulation":20,"allowedDimensions":%s,
                     "maxDimensions":3,"killSwitch":false,"suppressZeros":false}""".formatted(allowed), null);
        }
    }

    @Test
    void withZerosSuppressedEveryCellOfTheGridIsListedAndNoZeroIsShown() {
        String allowed = http.get("/api/policy").json().get("allowedDimensions").toString();
        var changed = http.putJson("/api/policy", """
                {"threshold":5,"roundingBase":5,"mode":"ROUNDING","minPopulation":20,"allowedDimensions":%s,
                 "maxDimensions":3,"killSwitch":false,"suppressZeros":true}""".formatted(allowed), null);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        try {
            var body = query("{\"dimensions\":[\"gender\",\"labourIndustry\"]}");
            assertThat(body.get("metadata").get("absentCellsAreZero").asBoolean())
                    .isFalse();
            // F, M, X and the total, by 21 ISIC sections, unknown and the total.
            assertThat(body.get("cells")).hasSize(4 * 23);
            int zeros = 0;
            for (JsonNode cell : body.get("cells")) {
                assertThat(cell.path("value").asLong(-1)).as(cell.toString()).isNotZero();
                String gender = cell.get("coordinates").get("gender").asText();
                String industry = cell.get("coordinates").get("labourIndustry").asText();
                if (!gender.equals("_T") && !industry.equals("_T") && !industry.equals("_U")) {
                    long truth = jdbc.sql("select count(*) from cases where consent_to_aggregate_use is not false"
                                    + " and labour_industry = ? and (case gender when 'Feminine' then 'F'"
                                    + " when 'Masculine' then 'M' else 'X' end) = ?")
                            .params(industry, gender)
                            .query(Long.class)
                            .single();
                    if (truth == 0) {
                        zeros++;
                        assertThat(cell.path("suppressed").asBoolean(false)).isTrue();
                    }
                }
            }
            assertThat(zeros).as("the grid has true zeros to hide").isPositive();
        } finally {
            http.putJson("/api/policy", """
                    {"threshold":5,"roundingBase":5,"mode":"ROUNDING","minPopulation":20,"allowedDimensions":%s,
                     "maxDimensions":3,"killSwitch":false,"suppressZeros":false}""".formatted(allowed), null);
        }
    }

    @Test
    void theAuditChainVerifiesAndATamperedRowIsReportedAsTheFirstBrokenLink() {
        query("{\"dimensions\":[\"year\"]}");
        http.postJson("/federation/v1/count-queries", "{\"dimensions\":[\"village\"]}");
        var intact = http.get("/api/audit/verify").json();
        assertThat(intact.get("intact").asBoolean()).as(intact.toString()).isTrue();
        long entries = intact.get("entries").asLong();
        assertThat(entries).isGreaterThanOrEqualTo(2);

        // The application's own connection cannot change the log.
        long target = jdbc.sql("select min(seq) from release_audit where kind = 'COUNT_QUERY'")
                .query(Long.class)
                .single();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> jdbc.sql("update release_audit set requester = 'mallory' where seq = ?")
                                .param(target)
                                .update())
                .hasMessageContaining("append-only");

        // Someone with the database's owner rights can: verify must then name the first broken entry.
        String original = jdbc.sql("select canonical_query from release_audit where seq = ?")
                .param(target)
                .query(String.class)
                .single();
        jdbc.sql("alter table release_audit disable trigger release_audit_no_update")
                .update();
        try {
            jdbc.sql("update release_audit set canonical_query = '{dimensions=[gender]}' where seq = ?")
                    .param(target)
                    .update();
            var broken = http.get("/api/audit/verify").json();
            assertThat(broken.get("intact").asBoolean()).isFalse();
            assertThat(broken.get("firstBrokenSeq").asLong()).isEqualTo(target);
            assertThat(broken.get("problem").asText()).isEqualTo("content does not match its hash");
        } finally {
            jdbc.sql("update release_audit set canonical_query = ? where seq = ?")
                    .params(original, target)
                    .update();
            jdbc.sql("alter table release_audit enable trigger release_audit_no_update")
                    .update();
        }
        assertThat(http.get("/api/audit/verify").json().get("intact").asBoolean())
                .isTrue();
        var page = http.get("/api/audit?requester=" + Tokens.STAFF_SUBJECT + "&size=3")
                .json();
        assertThat(page.get("items")).hasSizeLessThanOrEqualTo(3);
        assertThat(page.toString())
                .as("the log holds digests, never released values")
                .doesNotContain("\"value\"");
        List<String> requesters = page.get("items").findValuesAsString("requester");
        assertThat(requesters).containsOnly(Tokens.STAFF_SUBJECT);
    }
}

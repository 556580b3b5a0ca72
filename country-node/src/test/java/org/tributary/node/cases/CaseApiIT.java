package org.tributary.node.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.node.support.Json.texts;
import static org.tributary.node.support.Samples.caseJson;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;

@NodeIntegrationTest
class CaseApiIT {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    @Test
    void aCaseWorkerCreatesAndReadsACaseWithItsPersonalDetailsAndAnEtag() {
        var created = http.postJson("/api/cases", caseJson("API-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/cases/" + id);

        var read = http.get("/api/cases/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("personal").get("firstName").asText()).isEqualTo("Srey");
        assertThat(read.json().get("birthYear").asInt()).isEqualTo(2008);
        assertThat(read.json().get("assistance").get(0).get("serviceType").asText())
                .isEqualTo("Shelter");
        assertThat(read.json().get("followUps").get(0).get("rssComposite").decimalValue())
                .isEqualByComparingTo("0.72");
        assertThat(read.json().get("referrals").get(0).get("crossBorder").asBoolean())
                .isTrue();
        assertThat(read.body())
                .doesNotContain("recordKey")
                .doesNotContain("record_key")
                .doesNotContain("personalData");
    }

    @Test
    void personalDetailsAreEncryptedAtRestAndTheRecordKeyIsRandom() {
        var created = http.postJson("/api/cases", caseJson("API-2"));
        String id = created.json().get("id").asText();
        byte[] stored = jdbc.sql("select personal_data from cases where id = ?::uuid")
                .param(id)
                .query(byte[].class)
                .single();
        String asText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(asText).doesNotContain("Srey").doesNotContain("345 678").doesNotContain("2008-02-03");
        http.postJson("/api/cases", caseJson("API-3"));
        var keys = jdbc.sql("select record_key from cases where external_ref in ('API-2', 'API-3')")
                .query(Integer.class)
                .list();
        assertThat(keys).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void theListCarriesNoPersonalDetailsAndFiltersAndPages() {
        for (int i = 0; i < 3; i++) {
            http.postJson("/api/cases", caseJson("LIST-" + i));
        }
        var page = http.get("/api/cases?citizenship=KH&year=2024&stage=&status=Active&size=2&page=0");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items")).hasSize(2);
        assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(page.body())
                .doesNotContain("Srey")
                .doesNotContain("personal")
                .doesNotContain("birthYear");
        assertThat(page.json().get("items").get(0).get("ageBand").asText()).isEqualTo("9-17");

        var none = http.get("/api/cases?citizenship=VN");
        assertThat(none.json().get("total").asLong()).isZero();
        assertThat(http.get("/api/cases?status=Nonsense").status()).isEqualTo(400);
        assertThat(http.get("/api/cases?size=100000").status()).isEqualTo(400);
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndAStaleBodyVersionWith409() {
        String id =
                http.postJson("/api/cases", caseJson("LOCK-1")).json().get("id").asText();
        var first = http.putJson("/api/cases/" + id, caseJson("LOCK-1"), "\"0\"");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");

        var staleHeader = http.putJson("/api/cases/" + id, caseJson("LOCK-1"), "\"0\"");
        assertThat(staleHeader.status()).isEqualTo(412);
        assertThat(staleHeader.json().get("type").asText()).isEqualTo("urn:tributary:problem:precondition-failed");

        String withStaleVersion = caseJson("LOCK-1").replaceFirst("\\{", "{\"version\":0,");
        assertThat(http.putJson("/api/cases/" + id, withStaleVersion, null).status())
                .isEqualTo(409);
        String withVersion = caseJson("LOCK-1").replaceFirst("\\{", "{\"version\":1,");
        assertThat(http.putJson("/api/cases/" + id, withVersion, null).status()).isEqualTo(200);

        assertThat(http.putJson("/api/cases/" + id, caseJson("LOCK-1"), null).status())
                .isEqualTo(428);
        assertThat(http.putJson("/api/cases/" + id, caseJson("LOCK-1"), "not-an-etag")
                        .status())
                .isEqualTo(412);
    }

    @Test
    void anInvalidCaseGetsOneProblemListingEveryBadFieldAndNothingIsWritten() {
        long before = jdbc.sql("select count(*) from cases").query(Long.class).single();
        var response = http.postJson("/api/cases", """
                {"externalRef":"bad ref!","registeredOn":"2999-01-01","citizenship":["XX"],"ageAtIdentification":200,
                 "personal":{"email":"not-an-email"}}
                """);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        var fields = texts(response.json().get("errors"), "field");
        assertThat(fields)
                .contains(
                        "externalRef",
                        "registeredOn",
                        "citizenship[0]",
                        "ageAtIdentification",
                        "traffickingStatus",
                        "caseStatus",
                        "personal.email");
        assertThat(response.body()).doesNotContain("not-an-email");
        assertThat(jdbc.sql("select count(*) from cases").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void unknownCodesMalformedJsonAndWrongContentTypeAreAnswered4xxNever5xx() {
        var unknown = http.postJson("/api/cases", caseJson("CODE-1").replace("\"Feminine\"", "\"Female\""));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("gender");
        assertThat(unknown.json().get("errors").get(0).get("reason").asText()).contains("Feminine");

        assertThat(http.postJson("/api/cases", "{\"externalRef\": ").status()).isEqualTo(400);
        assertThat(http.post("/api/cases", "text/plain", "hello".getBytes()).status())
                .isEqualTo(415);
        assertThat(http.postJson("/api/cases", caseJson("NUL-1").replace("NGO X", "NGO\\u0000X"))
                        .status())
                .isEqualTo(400);
        var missing = http.get("/api/cases/00000000-0000-0000-0000-000000000000");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asText()).isEqualTo("urn:tributary:problem:not-found");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        var unknown = http.get("/api/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:tributary:problem:not-found");
        var patch = http.post("/api/cases/00000000-0000-0000-0000-000000000000", "application/json", "{}".getBytes());
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.json().get("type").asText()).isEqualTo("urn:tributary:problem:method-not-allowed");
    }

    @Test
    void aDuplicateExternalRefIsAConflict() {
        assertThat(http.postJson("/api/cases", caseJson("DUP-1")).status()).isEqualTo(201);
        var again = http.postJson("/api/cases", caseJson("DUP-1"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asText()).isEqualTo("urn:tributary:problem:conflict");
    }

    @Test
    void closingSetsTheHtcdsStatusAndBumpsTheVersion() {
        String id = http.postJson("/api/cases", caseJson("CLOSE-1"))
                .json()
                .get("id")
                .asText();
        var closed = http.postJson("/api/cases/" + id + "/close", "{\"reason\":\"reintegrated\"}");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("caseStatus").asText()).isEqualTo("Closed");
        assertThat(closed.json().get("closureReason").asText()).isEqualTo("reintegrated");
        assertThat(closed.header("ETag")).isEqualTo("\"1\"");
        assertThat(http.get("/api/cases/" + id).json().get("assistance")).hasSize(1);
    }

    @Test
    void erasureRemovesTheCaseAndEverythingAttachedAndLeavesOnlyAnAuditEntry() {
        String id = http.postJson("/api/cases", caseJson("ERASE-1"))
                .json()
                .get("id")
                .asText();
        assertThat(http.delete("/api/cases/" + id).status()).isEqualTo(204);
        assertThat(http.get("/api/cases/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from assistance_events where case_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
        var actions = jdbc.sql("select action from case_audit where case_id = ?::uuid order by id")
                .param(id)
                .query(String.class)
                .list();
        assertThat(actions).containsExactly("CREATED", "ERASED");
        assertThat(http.delete("/api/cases/" + id).status()).isEqualTo(404);
    }

    @Test
    void healthIsServedButTheApiDocumentsAreNotOutsideTheLocalProfile() {
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        // They describe the federation API too: off by default, and never without a token.
        assertThat(http.as(null).get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(http.as(null).get("/swagger-ui/index.html").status()).isEqualTo(401);
        assertThat(http.get("/v3/api-docs").status()).isEqualTo(404);
    }

    @Test
    void duplicateKeysAndFractionalNumbersForIntegersAreRefusedNamingTheField() {
        long before = jdbc.sql("select count(*) from cases").query(Long.class).single();
        var duplicate = http.postJson(
                "/api/cases",
                caseJson("STRICT-1")
                        .replace("\"gender\":\"Feminine\"", "\"gender\":\"Feminine\",\"gender\":\"Masculine\""));
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(400);
        assertThat(duplicate.json().get("errors").get(0).get("field").asText()).isEqualTo("gender");
        assertThat(duplicate.json().get("errors").get(0).get("reason").asText()).contains("more than once");

        var nested = http.postJson(
                "/api/cases",
                caseJson("STRICT-2").replace("\"firstName\":\"Srey\"", "\"firstName\":\"Srey\",\"firstName\":\"X\""));
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().get("errors").get(0).get("field").asText()).isEqualTo("personal.firstName");
        assertThat(nested.body()).doesNotContain("Srey");

        var fractional = http.postJson(
                "/api/cases",
                caseJson("STRICT-3").replace("\"ageAtIdentification\":16", "\"ageAtIdentification\":16.5"));
        assertThat(fractional.status()).isEqualTo(400);
        assertThat(fractional.json().get("errors").get(0).get("field").asText()).isEqualTo("ageAtIdentification");
        assertThat(fractional.json().get("errors").get(0).get("reason").asText())
                .isEqualTo("must be a whole number");
        assertThat(jdbc.sql("select count(*) from cases").query(Long.class).single())
                .isEqualTo(before);
    }
}

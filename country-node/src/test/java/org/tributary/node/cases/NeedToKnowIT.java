package org.tributary.node.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tributary.node.support.Samples.caseJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.node.support.Http;
import org.tributary.node.support.NodeIntegrationTest;
import org.tributary.node.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * Need-to-know on the node: a case worker sees and changes only the cases they own or are assigned to; a case
 * supervisor sees every case of the country and assigns them; imports set the owner; the case history says who
 * changed which fields when, never a value.
 */
@NodeIntegrationTest
class NeedToKnowIT {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    Http node;
    Http anna;
    Http bopha;
    Http supervisor;

    @BeforeEach
    void clients() {
        node = new Http(environment.getRequiredProperty("local.server.port", Integer.class));
        anna = node.as(Tokens.caseWorker("kh-anna"));
        bopha = node.as(Tokens.caseWorker("kh-bopha"));
        supervisor = node.as(Tokens.supervisor("kh-chief"));
    }

    @Test
    void aCaseWorkersCaseIsTheirsAndNotFoundForAnotherCaseWorker() {
        var created = anna.postJson("/api/cases", caseJson("NTK-1"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("caseOwner").asText()).isEqualTo("kh-anna");

        assertThat(anna.get("/api/cases/" + id).status()).isEqualTo(200);
        List<String> refused = new ArrayList<>();
        for (var response : List.of(
                bopha.get("/api/cases/" + id),
                bopha.get("/api/cases/" + id + "/history"),
                bopha.get("/api/cases/" + id + "/assignment"),
                bopha.putJson("/api/cases/" + id, caseJson("NTK-1"), "\"0\""),
                bopha.postJson("/api/cases/" + id + "/close", "{}"),
                bopha.delete("/api/cases/" + id))) {
            // Not 403: that would say the case exists.
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("type").asText()).isEqualTo("urn:tributary:problem:not-found");
            refused.add(response.body());
        }
        assertThat(String.join("", refused)).doesNotContain("kh-anna", "NTK-1");
        assertThat(refs(bopha.get("/api/cases?size=500"))).doesNotContain("NTK-1");
        assertThat(refs(anna.get("/api/cases?size=500"))).contains("NTK-1");
        assertThat(refs(supervisor.get("/api/cases?size=500"))).contains("NTK-1");
        assertThat(supervisor.get("/api/cases/" + id).status()).isEqualTo(200);
        // Still there: the other case worker's erasure did nothing.
        assertThat(jdbc.sql("select count(*) from cases where external_ref = 'NTK-1'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void onlyASupervisorGivesACaseToSomeoneElse() {
        var toOther =
                anna.postJson("/api/cases", caseJson("NTK-2").replaceFirst("\\{", "{\"caseOwner\":\"kh-bopha\","));
        assertThat(toOther.status()).isEqualTo(403);
        assertThat(toOther.json().get("type").asText()).isEqualTo("urn:tributary:problem:forbidden");
        assertThat(jdbc.sql("select count(*) from cases where external_ref = 'NTK-2'")
                        .query(Long.class)
                        .single())
                .isZero();

        var bySupervisor = supervisor.postJson(
                "/api/cases", caseJson("NTK-2").replaceFirst("\\{", "{\"caseOwner\":\"KH-Bopha\","));
        assertThat(bySupervisor.status()).isEqualTo(201);
        assertThat(bySupervisor.json().get("caseOwner").asText()).isEqualTo("kh-bopha");
        String id = bySupervisor.json().get("id").asText();
        assertThat(bopha.get("/api/cases/" + id).status()).isEqualTo(200);

        // The owner may not hand it on by editing the case either.
        var handOn = bopha.putJson(
                "/api/cases/" + id, caseJson("NTK-2").replaceFirst("\\{", "{\"caseOwner\":\"kh-anna\","), "\"0\"");
        assertThat(handOn.status()).isEqualTo(403);
        // Naming no owner keeps the owner.
        var kept = bopha.putJson("/api/cases/" + id, caseJson("NTK-2"), "\"0\"");
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().get("caseOwner").asText()).isEqualTo("kh-bopha");
    }

    @Test
    void aSupervisorAssignsACaseAndTheAssigneeSeesIt() {
        String id =
                anna.postJson("/api/cases", caseJson("NTK-3")).json().get("id").asText();
        assertThat(bopha.get("/api/cases/" + id).status()).isEqualTo(404);

        String body = "{\"owner\":\"kh-anna\",\"assignees\":[\"kh-bopha\",\"kh-anna\"]}";
        assertThat(anna.putJson("/api/cases/" + id + "/assignment", body, "\"0\"")
                        .status())
                .isEqualTo(403);
        assertThat(supervisor
                        .putJson("/api/cases/" + id + "/assignment", body, null)
                        .status())
                .isEqualTo(428);
        var assigned = supervisor.putJson("/api/cases/" + id + "/assignment", body, "\"0\"");
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.header("ETag")).isEqualTo("\"1\"");
        assertThat(assigned.json().get("owner").asText()).isEqualTo("kh-anna");
        assertThat(texts(assigned.json().get("assignees"))).containsExactly("kh-bopha");

        assertThat(bopha.get("/api/cases/" + id).status()).isEqualTo(200);
        assertThat(refs(bopha.get("/api/cases?size=500"))).contains("NTK-3");
        assertThat(texts(bopha.get("/api/cases/" + id + "/assignment").json().get("assignees")))
                .containsExactly("kh-bopha");

        var stale = supervisor.putJson("/api/cases/" + id + "/assignment", body, "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        var badName = supervisor.putJson(
                "/api/cases/" + id + "/assignment", "{\"owner\":\"Not A User!\",\"assignees\":[]}", "\"1\"");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body()).doesNotContain("Not A User!");

        // Taken off the case again: the assignee no longer sees it.
        assertThat(supervisor
                        .putJson("/api/cases/" + id + "/assignment", "{\"owner\":\"kh-anna\"}", "\"1\"")
                        .status())
                .isEqualTo(200);
        assertThat(bopha.get("/api/cases/" + id).status()).isEqualTo(404);
    }

    @Test
    void theHistorySaysWhoChangedWhichFieldsWhenAndNoValue() {
        String id =
                anna.postJson("/api/cases", caseJson("NTK-4")).json().get("id").asText();
        String changed = caseJson("NTK-4")
                .replace("\"gender\":\"Feminine\"", "\"gender\":\"Masculine\"")
                .replace("\"firstName\":\"Srey\"", "\"firstName\":\"Dara\"");
        assertThat(anna.putJson("/api/cases/" + id, changed, "\"0\"").status()).isEqualTo(200);
        assertThat(anna.putJson("/api/cases/" + id, changed, "\"1\"").status()).isEqualTo(200);
        assertThat(anna.postJson("/api/cases/" + id + "/close", "{\"reason\":\"Moved abroad\"}")
                        .status())
                .isEqualTo(200);
        supervisor.putJson("/api/cases/" + id + "/assignment", "{\"owner\":\"kh-anna\"}", "\"3\"");

        var history = anna.get("/api/cases/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        JsonNode entries = history.json().get("entries");
        assertThat(entries).hasSize(5);
        assertThat(entries.get(0).get("action").asText()).isEqualTo("CREATED");
        assertThat(entries.get(1).get("action").asText()).isEqualTo("UPDATED");
        assertThat(texts(entries.get(1).get("fields"))).containsExactly("gender", "personal.firstName");
        // Saved unchanged: a write with no changed field.
        assertThat(entries.get(2).get("fields")).isEmpty();
        assertThat(entries.get(3).get("action").asText()).isEqualTo("CLOSED");
        assertThat(entries.get(4).get("action").asText()).isEqualTo("ASSIGNED");
        assertThat(entries.get(0).get("actor").asText()).isNotBlank().isNotEqualTo("kh-anna");
        assertThat(entries.get(0).get("at").asText()).isNotBlank();
        assertThat(history.body()).doesNotContain("Srey", "Dara", "Feminine", "Masculine", "Moved abroad");
    }

    @Test
    void importsSetTheOwnerAndACaseWorkerReplacesOnlyTheirOwnCases() {
        supervisor.postJson("/api/cases", caseJson("NTK-5").replaceFirst("\\{", "{\"caseOwner\":\"kh-bopha\","));
        String file = "[" + caseJson("NTK-6") + "," + caseJson("NTK-5") + ","
                + caseJson("NTK-7").replaceFirst("\\{", "{\"caseOwner\":\"kh-bopha\",") + "]";

        var allOrNothing = anna.post("/api/imports", "application/json", file.getBytes(StandardCharsets.UTF_8));
        assertThat(allOrNothing.status()).isEqualTo(422);
        assertThat(allOrNothing.body()).doesNotContain("kh-bopha");
        assertThat(count("NTK-6")).isZero();

        var partial = anna.post("/api/imports?mode=partial", "application/json", file.getBytes(StandardCharsets.UTF_8));
        assertThat(partial.status()).isEqualTo(200);
        JsonNode errors = partial.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("row").asLong()).isEqualTo(2);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("externalRef");
        assertThat(errors.get(1).get("row").asLong()).isEqualTo(3);
        assertThat(errors.get(1).get("field").asText()).isEqualTo("caseOwner");
        assertThat(partial.body()).doesNotContain("kh-bopha");
        assertThat(owner("NTK-6")).isEqualTo("kh-anna");
        assertThat(owner("NTK-5")).isEqualTo("kh-bopha");
        assertThat(count("NTK-7")).isZero();

        // A supervisor's import: owners as the file names them; a known case naming none keeps its owner.
        String second = "[" + caseJson("NTK-6") + ","
                + caseJson("NTK-7").replaceFirst("\\{", "{\"caseOwner\":\"kh-bopha\",") + "]";
        var bySupervisor = supervisor.post("/api/imports", "application/json", second.getBytes(StandardCharsets.UTF_8));
        assertThat(bySupervisor.status()).isEqualTo(200);
        assertThat(owner("NTK-6")).isEqualTo("kh-anna");
        assertThat(owner("NTK-7")).isEqualTo("kh-bopha");

        String id = jdbc.sql("select id::text from cases where external_ref = 'NTK-6'")
                .query(String.class)
                .single();
        var history = anna.get("/api/cases/" + id + "/history").json().get("entries");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("action").asText()).isEqualTo("IMPORTED");
        assertThat(history.get(1).get("action").asText()).isEqualTo("IMPORT_REPLACED");
    }

    @Test
    void anAssigneeCannotMakeThemselvesTheOwnerThroughAnImport() {
        String id =
                anna.postJson("/api/cases", caseJson("NTK-9")).json().get("id").asText();
        assertThat(supervisor
                        .putJson(
                                "/api/cases/" + id + "/assignment",
                                "{\"owner\":\"kh-anna\",\"assignees\":[\"kh-bopha\"]}",
                                "\"0\"")
                        .status())
                .isEqualTo(200);
        String takeover = "[" + caseJson("NTK-9").replaceFirst("\\{", "{\"caseOwner\":\"kh-bopha\",") + "]";
        var refused = bopha.post("/api/imports", "application/json", takeover.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("caseOwner");
        assertThat(owner("NTK-9")).isEqualTo("kh-anna");
        // Naming no owner, the assignee may still update the case by import; the owner stays.
        var update = bopha.post(
                "/api/imports", "application/json", ("[" + caseJson("NTK-9") + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(update.status()).isEqualTo(200);
        assertThat(owner("NTK-9")).isEqualTo("kh-anna");
        assertThat(anna.get("/api/cases/" + id).status()).isEqualTo(200);
    }

    @Test
    void aNodeOperatorNoLongerReadsCaseRecordsButStillImports() {
        String operator = Tokens.user("KH", "node-operator");
        assertThat(node.as(operator).get("/api/cases").status()).isEqualTo(403);
        var imported = node.as(operator)
                .post(
                        "/api/imports",
                        "application/json",
                        ("[" + caseJson("NTK-8").replaceFirst("\\{", "{\"caseOwner\":\"kh-anna\",") + "]")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(owner("NTK-8")).isEqualTo("kh-anna");
    }

    private long count(String ref) {
        return jdbc.sql("select count(*) from cases where external_ref = ?")
                .param(ref)
                .query(Long.class)
                .single();
    }

    private String owner(String ref) {
        return jdbc.sql("select case_owner from cases where external_ref = ?")
                .param(ref)
                .query(String.class)
                .single();
    }

    private static List<String> refs(Http.Response page) {
        assertThat(page.status()).isEqualTo(200);
        List<String> refs = new ArrayList<>();
        page.json()
                .get("items")
                .forEach(item -> refs.add(item.get("externalRef").asText()));
        return refs;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

package org.tributary.aggregator.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tributary.aggregator.AggregatorApplication;
import org.tributary.aggregator.support.Http;
import org.tributary.aggregator.support.StubNode;
import org.tributary.aggregator.support.StubNode.Behaviour;
import org.tributary.common.integrity.CanonicalJson;
import org.tributary.common.integrity.SigningKey;
import org.tributary.support.db.EmbeddedDatabase;
import org.tributary.support.db.EmbeddedDatabases;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed regional releases and the verifier, on a real aggregator over its real PostgreSQL with three stub nodes
 * that sign as nodes do: a release verifies, and each tamper — a released cell altered in the stored release, a
 * node's answer altered, a receipt swapped between releases, a release re-signed with other values, a fork, a
 * dropped tail — is detected, the test naming what detected it.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class VerifiableReleasesIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static StubNode kh;
    static StubNode th;
    static StubNode vn;
    static ConfigurableApplicationContext aggregator;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        kh = new StubNode("KH", Behaviour.OK);
        // One table refused by one node: the indicator reading it combines the others, and the verifier must too.
        th = new StubNode("TH", Behaviour.OK).refuseTable("origin-services");
        vn = new StubNode("VN", Behaviour.OK);
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--tributary.aggregator.data-dir=target/it-data/verifiable-" + UUID.randomUUID(),
                "--tributary.aggregator.release-cron=off",
                "--tributary.aggregator.integrity.witness-period=1h"));
        List<StubNode> nodes = List.of(kh, th, vn);
        for (int i = 0; i < nodes.size(); i++) {
            var n = nodes.get(i);
            args.add("--tributary.aggregator.nodes[" + i + "].id=" + n.country().toLowerCase());
            args.add("--tributary.aggregator.nodes[" + i + "].country=" + n.country());
            args.add("--tributary.aggregator.nodes[" + i + "].base-url=" + n.baseUrl());
            if (i < 2) {
                // Two nodes' keys configured, the third pinned from its capabilities.
                args.add("--tributary.aggregator.nodes[" + i + "].public-key=" + n.publicKey());
            }
        }
        aggregator = new SpringApplicationBuilder(AggregatorApplication.class).run(args.toArray(String[]::new));
        http = new Http(Integer.parseInt(aggregator.getEnvironment().getProperty("local.server.port")));
        for (int i = 0; i < 100; i++) {
            boolean all = true;
            for (var n : http.get("/api/regional/nodes").json()) {
                all &= n.path("catalogueDimensions").asInt(0) > 0;
            }
            if (all) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the nodes' catalogues did not arrive");
    }

    @AfterAll
    static void stop() {
        if (aggregator != null) {
            aggregator.close();
        }
        for (var n : new StubNode[] {kh, th, vn}) {
            if (n != null) {
                n.close();
            }
        }
    }

    static long release() {
        var made = http.post("/api/regional/releases", "application/json", new byte[0]);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().path("number").asLong();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> file(long number) {
        var response = http.get("/api/regional/releases/" + number);
        assertThat(response.status()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    static ReleaseVerifier.TrustedKeys keys() {
        @SuppressWarnings("unchecked")
        Map<String, Object> published =
                JSON.readValue(http.get("/api/regional/keys").body(), Map.class);
        return VerifyRelease.keys(published);
    }

    static ReleaseVerifier.Report verify(Map<String, Object> file) {
        return new ReleaseVerifier(JSON).verify(file, keys());
    }

    static String failed(ReleaseVerifier.Report report) {
        return report.checks().stream()
                .filter(c -> !c.outcome().equals("pass"))
                .map(c -> c.name() + ": " + c.detail())
                .findFirst()
                .orElse("nothing failed");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> file) {
        return JSON.readValue(JSON.writeValueAsString(file), Map.class);
    }

    /** The first observation with a value of the first dataset: a released regional cell. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> firstValue(Object datasets) {
        for (Object d : (List<Object>) datasets) {
            for (Object o : (List<Object>) ((Map<String, Object>) d).get("observations")) {
                Map<String, Object> observation = (Map<String, Object>) o;
                if (observation.get("value") instanceof Number) {
                    return observation;
                }
            }
        }
        throw new AssertionError("no observation with a value");
    }

    static void bump(Map<String, Object> observation) {
        observation.put("value", ((Number) observation.get("value")).doubleValue() + 1);
    }

    /** Re-signs the statement as a dishonest aggregator holding its own key would. */
    @SuppressWarnings("unchecked")
    static void resign(Map<String, Object> file) {
        SigningKey own = SigningKey.fromPkcs8(
                aggregator.getEnvironment().getRequiredProperty("tributary.aggregator.integrity.signing-key"));
        var attestation = (Map<String, Object>) file.get("attestation");
        attestation.put("signature", own.signCanonical(attestation.get("statement")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReleaseVerifiesOfflineAndThroughItsEndpointWithItsReceiptsAndCheckpoints() throws Exception {
        long number = release();
        Map<String, Object> file = file(number);
        var attestation = (Map<String, Object>) file.get("attestation");
        assertThat(attestation).containsKeys("statement", "signature", "keyId", "publicKey", "sources");
        assertThat((Map<String, Object>) attestation.get("sources")).containsOnlyKeys("kh", "th", "vn");

        var report = verify(file);
        assertThat(report.valid()).as(failed(report)).isTrue();
        // What a verifier in another JVM recomputes must come out in the same order: nothing may hang on a map's
        // iteration order (Map.copyOf's differs from one JVM to the next).
        var corridor = ((List<Map<String, Object>>) file.get("datasets"))
                .stream()
                        .filter(d -> d.get("id").equals("identified-victims"))
                        .findFirst()
                        .orElseThrow();
        assertThat(corridor.get("dimensions")).isEqualTo(List.of("year", "citizenship", "countryOfExploitation"));
        assertThat(report.checks())
                .extracting(ReleaseVerifier.Check::name)
                .contains(
                        "aggregator signature",
                        "values are the signed values",
                        "receipt of kh",
                        "receipt of th",
                        "receipt of vn",
                        "values follow from the receipts' cells",
                        "checkpoint of kh",
                        "checkpoint of vn");
        assertThat(report.checks()).allMatch(c -> c.outcome().equals("pass"), "every check passes");

        var endpoint =
                http.get("/api/regional/releases/" + number + "/verification").json();
        assertThat(endpoint.path("valid").asBoolean()).as(endpoint.toString()).isTrue();

        Path dir = Files.createTempDirectory("verify-release");
        Path releaseFile = dir.resolve("release.json");
        Path keysFile = dir.resolve("keys.json");
        Files.writeString(
                releaseFile, http.get("/api/regional/releases/" + number).body());
        Files.writeString(keysFile, http.get("/api/regional/keys").body());
        assertThat(VerifyRelease.run(new String[] {releaseFile.toString(), keysFile.toString()}))
                .as("the command exits 0")
                .isZero();
        Map<String, Object> tampered = copy(file);
        bump(firstValue(tampered.get("datasets")));
        Files.writeString(releaseFile, JSON.writeValueAsString(tampered));
        assertThat(VerifyRelease.run(new String[] {releaseFile.toString(), keysFile.toString()}))
                .isEqualTo(1);

        // The figure: verifier time for one release of the whole catalogue, median of 21 runs after a warm-up.
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            var r = verify(file);
            if (i >= 5) {
                times.add(r.millis());
            }
        }
        Collections.sort(times);
        int indicators = ((List<Object>) ((Map<String, Object>) attestation.get("statement")).get("datasets")).size();
        System.out.printf(
                "VERIFIER release %d: %d indicators, %d node receipts, %d checks; median %.1f ms"
                        + " (min %.1f, max %.1f) over %d runs; release file %d kB%n",
                number,
                indicators,
                3,
                report.checks().size(),
                times.get(times.size() / 2),
                times.get(0),
                times.get(times.size() - 1),
                times.size(),
                JSON.writeValueAsBytes(file).length / 1024);
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachTamperWithAReleaseFileIsDetectedAndNamed() {
        long number = release();
        Map<String, Object> file = file(number);
        Map<String, Consumer<Map<String, Object>>> tampers = new java.util.LinkedHashMap<>();
        tampers.put("a regional cell altered in the file", f -> bump(firstValue(f.get("datasets"))));
        tampers.put(
                "a regional cell altered in the statement",
                f -> bump(
                        firstValue(((Map<String, Object>) ((Map<String, Object>) f.get("attestation")).get("statement"))
                                .get("datasets"))));
        tampers.put("a regional cell altered and re-signed by the aggregator", f -> {
            var statement = (Map<String, Object>) ((Map<String, Object>) f.get("attestation")).get("statement");
            var cell = firstValue(statement.get("datasets"));
            bump(cell);
            bump(firstValue(f.get("datasets")));
            resign(f);
        });
        tampers.put("a node's released cell altered", f -> {
            var sources = (Map<String, Object>) ((Map<String, Object>) f.get("attestation")).get("sources");
            var release = (Map<String, Object>) sources.get("th");
            var table = (Map<String, Object>)
                    ((Map<String, Object>) ((List<Object>) release.get("tables")).get(0)).get("table");
            var cell = (Map<String, Object>) ((List<Object>) table.get("cells")).get(0);
            Object value = cell.get("value");
            cell.put("value", (value instanceof Number n ? n.longValue() : 0) + 5);
        });
        tampers.put("a node receipt from another node", f -> {
            var statement = (Map<String, Object>) ((Map<String, Object>) f.get("attestation")).get("statement");
            var sources = (List<Object>) statement.get("sources");
            var first = (Map<String, Object>) sources.get(0);
            var second = (Map<String, Object>) sources.get(1);
            Object receipt = first.get("receipt");
            first.put("receipt", second.get("receipt"));
            second.put("receipt", receipt);
            resign(f);
        });
        tampers.put("a node's checkpoint from another history", f -> {
            var statement = (Map<String, Object>) ((Map<String, Object>) f.get("attestation")).get("statement");
            var checkpoint = (Map<String, Object>) ((List<Object>) statement.get("checkpoints")).get(0);
            var proof = (List<Object>) checkpoint.get("proofFromReceiptEntry");
            ((Map<String, Object>) checkpoint.get("checkpoint")).put("seq", 999_999);
            proof.clear();
            resign(f);
        });
        tampers.put("a node listed twice, re-signed by the aggregator", f -> {
            var statement = (Map<String, Object>) ((Map<String, Object>) f.get("attestation")).get("statement");
            var sources = (List<Object>) statement.get("sources");
            sources.add(sources.get(0));
            resign(f);
        });
        tampers.put("a lower minimum of countries, re-signed by the aggregator", f -> {
            var statement = (Map<String, Object>) ((Map<String, Object>) f.get("attestation")).get("statement");
            ((Map<String, Object>) statement.get("provenance")).put("minContributingNodes", 1);
            f.put("provenance", statement.get("provenance"));
            resign(f);
        });
        tampers.put("the release's summary said complete when it was partial", f -> {
            var release = (Map<String, Object>) f.get("release");
            release.put("partial", !Boolean.TRUE.equals(release.get("partial")));
        });
        tampers.put("the checkpoints left out, re-signed by the aggregator", f -> {
            var statement = (Map<String, Object>) ((Map<String, Object>) f.get("attestation")).get("statement");
            ((List<Object>) statement.get("checkpoints")).clear();
            resign(f);
        });
        Map<String, String> detectedBy = new java.util.LinkedHashMap<>();
        tampers.forEach((what, tamper) -> {
            Map<String, Object> f = copy(file);
            tamper.accept(f);
            var report = verify(f);
            assertThat(report.valid()).as(what).isFalse();
            detectedBy.put(what, failed(report));
        });
        detectedBy.forEach((what, by) -> System.out.printf("TAMPER %s -> detected by %s%n", what, by));
        assertThat(detectedBy.get("a regional cell altered in the file")).startsWith("values are the signed values");
        assertThat(detectedBy.get("a regional cell altered in the statement")).startsWith("aggregator signature");
        assertThat(detectedBy.get("a regional cell altered and re-signed by the aggregator"))
                .startsWith("values follow from the receipts' cells");
        assertThat(detectedBy.get("a node's released cell altered")).startsWith("receipt of th");
        assertThat(detectedBy.get("a node receipt from another node")).startsWith("receipt of");
        assertThat(detectedBy.get("a node's checkpoint from another history")).startsWith("checkpoint of");
        assertThat(detectedBy.get("a node listed twice, re-signed by the aggregator"))
                .contains("appears twice");
        assertThat(detectedBy.get("a lower minimum of countries, re-signed by the aggregator"))
                .contains("below the contract's 2");
        assertThat(detectedBy.get("the release's summary said complete when it was partial"))
                .startsWith("values are the signed values");
    }

    @Test
    void aCellAlteredInTheDatabaseAndAReceiptSwappedBetweenReleasesAreDetected() {
        long first = release();
        long second = release();
        var owner = JdbcClient.create(EmbeddedDatabases.ownerDataSource(aggregator.getBean(EmbeddedDatabase.class)));
        // As the database's owner, trigger off: one released cell of the first release, changed in place.
        owner.sql("alter table regional_release_dataset disable trigger regional_release_dataset_immutable")
                .update();
        try {
            String body = owner.sql("select body::text from regional_release_dataset where release_number = ?"
                            + " and position = 0")
                    .param(first)
                    .query(String.class)
                    .single();
            @SuppressWarnings("unchecked")
            Map<String, Object> dataset = JSON.readValue(body, Map.class);
            bump(firstValue(List.of(dataset)));
            owner.sql("update regional_release_dataset set body = ?::jsonb where release_number = ? and position = 0")
                    .params(JSON.writeValueAsString(dataset), first)
                    .update();
        } finally {
            owner.sql("alter table regional_release_dataset enable trigger regional_release_dataset_immutable")
                    .update();
        }
        var altered =
                http.get("/api/regional/releases/" + first + "/verification").json();
        assertThat(altered.path("valid").asBoolean()).isFalse();
        String alteredBy = altered.path("checks").findValues("outcome").toString();
        assertThat(altered.toString()).contains("values are the signed values");

        // The receipt of the first release swapped into the second, in the statement as stored.
        owner.sql("alter table regional_release_attestation disable trigger regional_release_attestation_immutable")
                .update();
        try {
            String one = owner.sql("select statement from regional_release_attestation where release_number = ?")
                    .param(first)
                    .query(String.class)
                    .single();
            String two = owner.sql("select statement from regional_release_attestation where release_number = ?")
                    .param(second)
                    .query(String.class)
                    .single();
            @SuppressWarnings("unchecked")
            Map<String, Object> a = JSON.readValue(one, Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> b = JSON.readValue(two, Map.class);
            @SuppressWarnings("unchecked")
            var sourcesB = (List<Object>) b.get("sources");
            sourcesB.set(0, ((List<?>) a.get("sources")).get(0));
            owner.sql("update regional_release_attestation set statement = ? where release_number = ?")
                    .params(CanonicalJson.text(b), second)
                    .update();
        } finally {
            owner.sql("alter table regional_release_attestation enable trigger regional_release_attestation_immutable")
                    .update();
        }
        var swapped =
                http.get("/api/regional/releases/" + second + "/verification").json();
        assertThat(swapped.path("valid").asBoolean()).isFalse();
        assertThat(swapped.toString()).contains("the signature does not verify");
        System.out.printf(
                "TAMPER in the database: a released cell of release %d -> detected by \"values are the"
                        + " signed values\" (%s); a receipt of release %d swapped into release %d -> detected by"
                        + " \"aggregator signature\"%n",
                first, alteredBy, first, second);
        assertThat(http.get("/api/regional/releases/" + first).status()).isEqualTo(200);
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // it forks one stub's history and shortens another's
    void theWitnessRaisesAnAlarmForAForkAndForADroppedTailWithTheNodesOwnStatementsAsEvidence() {
        release();
        var before = http.post("/api/security/integrity/checks", "application/json", new byte[0])
                .json();
        assertThat(before.path("nodes").findValuesAsString("status")).doesNotContain("alarm");
        assertThat(before.path("nodes").get(2).path("keySource").asString()).isEqualTo("pinned");
        assertThat(before.path("nodes").get(0).path("keySource").asString()).isEqualTo("configured");

        th.forkNextCheckpoint();
        vn.dropTail(2);
        var after = http.post("/api/security/integrity/checks", "application/json", new byte[0])
                .json();
        var alarms = after.path("alarms");
        List<String> kinds = new ArrayList<>();
        for (var a : alarms) {
            kinds.add(a.path("nodeId").asString() + ":" + a.path("kind").asString());
            assertThat(a.path("evidence").asString())
                    .as("the node's own signed statements")
                    .contains("signature");
        }
        assertThat(kinds).contains("th:FORK", "vn:CHAIN_SHORTENED");
        assertThat(after.path("nodes").get(1).path("status").asString()).isEqualTo("alarm");
        assertThat(after.path("nodes").get(0).path("status").asString()).isEqualTo("consistent");
        for (var a : alarms) {
            System.out.printf(
                    "ALARM %s %s: %s%n",
                    a.path("nodeId").asString(),
                    a.path("kind").asString(),
                    a.path("detail").asString());
        }
    }
}

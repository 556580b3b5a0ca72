package org.tributary.aggregator.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.common.federation.CountQueryRequest;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.integrity.Digests;
import org.tributary.common.integrity.Receipt;
import org.tributary.common.integrity.ReleaseDigest;
import org.tributary.common.integrity.SigningKey;
import tools.jackson.databind.json.JsonMapper;

class NodeRepliesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static AggregatorProperties properties() {
        return new AggregatorProperties(
                new AggregatorProperties.Region("GMS", "Greater Mekong Subregion"),
                Path.of("target/unused"),
                2,
                new AggregatorProperties.Calls(
                        Duration.ofSeconds(5),
                        2,
                        Duration.ofMillis(200),
                        8,
                        4,
                        org.springframework.util.unit.DataSize.ofMegabytes(32),
                        Duration.ofSeconds(5)),
                new AggregatorProperties.Breaker(50, 10, 4, Duration.ofSeconds(30)),
                Duration.ofSeconds(30),
                "off",
                null,
                List.of(new AggregatorProperties.Node("kh", "KH", "http://127.0.0.1:1", NODE_KEY.publicKey())));
    }

    static final SigningKey NODE_KEY = SigningKey.demo("node-kh under test");

    final NodeRegistry registry = new NodeRegistry(properties(), JSON, Clock.systemUTC());
    final java.util.List<Receipt> kept = new java.util.ArrayList<>();
    final NodeReplies replies;

    NodeRepliesTest() {
        var beans = new org.springframework.beans.factory.support.StaticListableBeanFactory();
        beans.addBean("sink", (NodeReplies.ReceiptSink) (node, receipt) -> kept.add(receipt));
        replies = new NodeReplies(registry, JSON, beans.getBeanProvider(NodeReplies.ReceiptSink.class));
    }

    /** The receipt a node signs for this body. */
    static String receipt(String body, SigningKey key) {
        return receipt(body, key, 4);
    }

    static String receipt(String body, SigningKey key, long policyVersion) {
        String digest = ReleaseDigest.of(JSON.readValue(body, Object.class));
        return new Receipt(
                        Receipt.VERSION,
                        "node-kh",
                        "COUNT_QUERY",
                        3,
                        Digests.sha256("e"),
                        3,
                        Digests.sha256("e"),
                        digest,
                        policyVersion,
                        "2026-Q4.1",
                        "2026-11-28T10:00:00Z",
                        null,
                        null)
                .signedBy(key)
                .encode();
    }

    static final CountQueryRequest BY_SEX = new CountQueryRequest(List.of("gender"), null, null, null);

    /** A table of F, M and the total, with these statuses and values ({@code null}: suppressed). */
    static String table(String mode, String... cells) {
        String noise = mode.equals("DIFFERENTIAL_PRIVACY")
                ? ", \"noise\": {\"mechanism\": \"discrete-gaussian\", \"sigma\": 20, \"rho\": 0.00125,"
                        + " \"epsilon\": 0.2, \"delta\": 1e-6, \"multiResponseBound\": 2, \"note\": \"x\"}"
                : "";
        return """
                {"metadata": {"contractVersion": 2, "nodeId": "node-kh", "policyVersion": 4, "releasePeriod": "2026-Q4.1",
                  "mode": "%s", "threshold": 5, "roundingBase": 5, "releasedAt": "2026-11-28T10:00:00Z",
                  "dimensions": ["gender"], "multiResponseDimensions": [], "absentCellsAreZero": true%s},
                 "cells": [%s],
                 "spend": {"rho": 0.00125, "storedAnswer": false, "remaining": {"contractVersion": 2, "nodeId": "node-kh",
                   "period": "2026-Q4", "requesterSpent": 0.00125, "requesterCap": 0.015625, "globalSpent": 0.00125,
                   "globalCap": 0.0625, "singleResponseQueryCost": 0.00125, "multiResponseQueryCost": 0.00375,
                   "queriesLeft": 11}}}
                """.formatted(mode, noise, String.join(",", cells));
    }

    static String cell(String sex, String status, Long value, String se) {
        return "{\"coordinates\": {\"gender\": \"" + sex + "\"}, \"status\": \"" + status + "\""
                + (value == null ? "" : ", \"value\": " + value) + (se == null ? "" : ", \"standardError\": " + se)
                + "}";
    }

    NodeReply read(String body) {
        return replies.read("kh", NodeCall.COUNT_QUERY, BY_SEX, receipt(body, NODE_KEY), body);
    }

    @Test
    void anAnswerIsUsedOnlyWithAReceiptOfItsNodeForExactlyItsCells() {
        String body = table("DIFFERENTIAL_PRIVACY", cell("F", "NOISY", 35L, "20"), cell("_T", "NOISY", 40L, "28.28"));
        assertThat(read(body).status()).isEqualTo(NodeStatus.OK);
        assertThat(read(body).receipt().verifies(NODE_KEY.publicKeyObject())).isTrue();
        assertThat(kept).as("every checked receipt goes to the witness").hasSize(2);
        String other = table("DIFFERENTIAL_PRIVACY", cell("F", "NOISY", 36L, "20"), cell("_T", "NOISY", 40L, "28.28"));
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("the answer has no receipt", null);
        refused.put("the receipt is for other cells than those received", receipt(other, NODE_KEY));
        refused.put(
                "the receipt's signature does not verify under the node's key",
                receipt(body, SigningKey.demo("someone else")));
        refused.put("the receipt is not JSON", "bm90IGpzb24");
        refused.put("the receipt is not a JSON object", "bnVsbA");
        refused.put("the receipt names another period or policy than the answer", receipt(body, NODE_KEY, 5));
        refused.forEach((why, header) -> {
            var reply = replies.read("kh", NodeCall.COUNT_QUERY, BY_SEX, header, body);
            assertThat(reply.status()).as(why).isEqualTo(NodeStatus.UNAVAILABLE);
            assertThat(reply.reason()).isEqualTo("the node's answer has no valid receipt: " + why);
            assertThat(reply.message()).isNull();
        });
        assertThat(kept).hasSize(2);
    }

    @Test
    void aNoisyTableBecomesAnOkAnswerWithItsErrorsAndWhatTheAnalystMayStillSpend() {
        var reply = read(table(
                "DIFFERENTIAL_PRIVACY",
                cell("F", "NOISY", 35L, "20"),
                cell("M", "NOISY", 0L, "20"),
                cell("_T", "NOISY", 40L, "28.28")));
        assertThat(reply.status()).isEqualTo(NodeStatus.OK);
        assertThat(reply.country()).isEqualTo("KH");
        assertThat(reply.budget().queriesLeft()).isEqualTo(11);
        var answer = NodeReplies.answer(reply, (ReleasedTable) reply.message());
        assertThat(answer.policyVersion()).isEqualTo(4);
        assertThat(answer.mode()).isEqualTo("DIFFERENTIAL_PRIVACY");
        assertThat(answer.cells()).hasSize(3);
        assertThat(answer.cells().get(2).standardError()).isEqualByComparingTo("28.28");
    }

    @Test
    void anAnswerThatBreaksALawIsRefusedWithTheLawAndNoValue() {
        Map<String, String> broken = Map.of(
                "a value between 1 and k-1",
                table("ROUNDING", cell("F", "ROUNDED", 3L, null), cell("_T", "ROUNDED", 40L, null)),
                "a value whose protection does not fit the table's mode",
                table("ROUNDING", cell("F", "ROUNDED", 37L, null), cell("_T", "ROUNDED", 40L, null)),
                "a code the node's catalogue does not list",
                table("ROUNDING", cell("Q", "ROUNDED", 35L, null)),
                "more cells than the question's grid",
                table(
                        "ROUNDING",
                        cell("F", "ROUNDED", 35L, null),
                        cell("M", "ROUNDED", 35L, null),
                        cell("X", "ROUNDED", 35L, null),
                        cell("_T", "ROUNDED", 35L, null),
                        cell("F", "ROUNDED", 40L, null)),
                "a suppressed cell with a value, or in a noisy table",
                table("DIFFERENTIAL_PRIVACY", cell("F", "SUPPRESSED", null, null)),
                "a missing or negative value",
                table("SUPPRESSION_ONLY", cell("F", "EXACT", -5L, null)));
        registry.catalogueReceived("kh", """
                {"contractVersion": 2, "nodeId": "node-kh", "policyVersion": 4, "maxDimensions": 3,
                 "dimensions": [{"id": "gender", "multiResponse": false, "codes": ["F", "M", "X"]}], "catalogueTables": []}
                """);
        broken.forEach((law, body) -> {
            var reply = read(body);
            assertThat(reply.status()).as(law).isEqualTo(NodeStatus.UNAVAILABLE);
            assertThat(reply.reason()).isEqualTo("the node's answer broke the disclosure laws: " + law);
            assertThat(reply.message()).isNull();
        });
        var otherVersion = read(table("ROUNDING", cell("F", "ROUNDED", 35L, null))
                .replace(
                        "\"contractVersion\": 2, \"nodeId\": \"node-kh\", \"policyVersion\": 4, \"releasePeriod\"",
                        "\"contractVersion\": 1, \"nodeId\": \"node-kh\", \"policyVersion\": 4, \"releasePeriod\""));
        assertThat(otherVersion.reason()).contains("contract version 1");
    }

    @Test
    void jsonThatIsNoTableIsNotParsedIntoOne() {
        assertThatThrownBy(() -> read("{\"cells\": [ {\"coord"))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
        assertThat(read("{\"cells\": []}").status()).isEqualTo(NodeStatus.UNAVAILABLE);
    }

    @Test
    void failuresBecomeStatusesWithFixedSentencesThatQuoteNothingFromTheNode() {
        var refused = replies.classify(
                "kh",
                new HttpOperationFailedException(
                        "http://x",
                        422,
                        "Unprocessable",
                        null,
                        null,
                        "{\"type\":\"urn:tributary:problem:query-refused\",\"reason\":\"POPULATION_TOO_SMALL\","
                                + "\"detail\":\"The query selects too few persons.\"}"));
        assertThat(refused.status()).isEqualTo(NodeStatus.REFUSED);
        assertThat(refused.reason()).isEqualTo("POPULATION_TOO_SMALL: The query selects too few persons.");

        var exhausted = replies.classify(
                "kh",
                new HttpOperationFailedException(
                        "http://x",
                        429,
                        "Too Many Requests",
                        null,
                        null,
                        "{\"type\":\"urn:tributary:problem:budget-exhausted\",\"reason\":\"BUDGET_EXHAUSTED\","
                                + "\"detail\":\"The privacy budget would be exceeded.\",\"budget\":{\"contractVersion\":2,"
                                + "\"nodeId\":\"node-kh\",\"period\":\"2026-Q4\",\"queriesLeft\":0}}"));
        assertThat(exhausted.status()).isEqualTo(NodeStatus.REFUSED);
        assertThat(exhausted.budget().queriesLeft()).isZero();

        var error = replies.classify(
                "kh",
                new HttpOperationFailedException(
                        "http://x", 500, "Server Error", null, null, "java.lang.NullPointerException at secret.Class"));
        assertThat(error.status()).isEqualTo(NodeStatus.UNAVAILABLE);
        assertThat(error.reason()).isEqualTo("the node answered HTTP 500").doesNotContain("Exception");

        assertThat(replies.classify("kh", new SocketTimeoutException("Read timed out"))
                        .status())
                .isEqualTo(NodeStatus.TIMEOUT);
        assertThat(replies.classify("kh", new ConnectException("Connection refused: 10.0.0.1"))
                        .reason())
                .isEqualTo("the node could not be reached");
        assertThat(replies.circuitOpen("kh").status()).isEqualTo(NodeStatus.CIRCUIT_OPEN);
    }

    @Test
    void theCollectorKeepsEveryReplyInArrivalOrder() {
        var collector = new AnswerCollector();
        var first = collector.collect(null, replies.circuitOpen("kh"));
        var both = collector.collect(first, replies.classify("kh", new SocketTimeoutException()));
        assertThat(both).extracting(NodeReply::status).containsExactly(NodeStatus.CIRCUIT_OPEN, NodeStatus.TIMEOUT);
    }
}

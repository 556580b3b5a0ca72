package org.tributary.aggregator.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.regional.NodeStatus;
import tools.jackson.databind.json.JsonMapper;

class NodeRepliesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static AggregatorProperties properties() {
        return new AggregatorProperties(
                new AggregatorProperties.Region("GMS", "Greater Mekong Subregion"),
                Path.of("target/unused"),
                2,
                new AggregatorProperties.Calls(Duration.ofSeconds(5), 2, Duration.ofMillis(200), 8),
                new AggregatorProperties.Breaker(50, 10, 4, Duration.ofSeconds(30)),
                Duration.ofSeconds(30),
                "off",
                null,
                List.of(new AggregatorProperties.Node("kh", "KH", "http://127.0.0.1:1")));
    }

    final NodeReplies replies = new NodeReplies(new NodeRegistry(properties(), JSON, Clock.systemUTC()), JSON);

    @Test
    void aProtectedTableBecomesAnOkAnswerWithTheNodesPolicyAndCells() {
        var answer = replies.read("kh", """
                {"metadata": {"nodeId": "node-kh", "policyVersion": 4, "mode": "ROUNDING", "threshold": 5,
                  "roundingBase": 5, "releasedAt": "2026-11-28T10:00:00Z", "dimensions": ["gender"],
                  "multiResponseDimensions": [], "totalCode": "_T", "absentCellsAreZero": true},
                 "cells": [{"coordinates": {"gender": "F"}, "value": 35},
                           {"coordinates": {"gender": "M"}, "suppressed": true},
                           {"coordinates": {"gender": "_T"}, "value": 40}]}
                """);
        assertThat(answer.status()).isEqualTo(NodeStatus.OK);
        assertThat(answer.country()).isEqualTo("KH");
        assertThat(answer.policyVersion()).isEqualTo(4);
        assertThat(answer.threshold()).isEqualTo(5);
        assertThat(answer.cells()).hasSize(3);
        assertThat(answer.cells().get(1).suppressed()).isTrue();
    }

    @Test
    void jsonThatIsNotAProtectedTableIsRefusedAsMalformed() {
        assertThatThrownBy(() -> replies.read("kh", "{\"cells\": []}")).isInstanceOf(NodeReplies.MalformedAnswer.class);
        assertThatThrownBy(() -> replies.read("kh", """
                {"metadata": {"policyVersion": 1, "threshold": 5, "dimensions": ["gender"]},
                 "cells": [{"coordinates": {"gender": "F"}, "value": 3, "suppressed": true}]}
                """)).isInstanceOf(NodeReplies.MalformedAnswer.class);
        assertThatThrownBy(() -> replies.read("kh", """
                {"metadata": {"policyVersion": 1, "threshold": 5, "dimensions": ["gender"]},
                 "cells": [{"coordinates": {"gender": "F"}, "value": -5}]}
                """)).isInstanceOf(NodeReplies.MalformedAnswer.class);
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
    void theCollectorKeepsEveryAnswerInArrivalOrder() {
        var collector = new AnswerCollector();
        var first = collector.collect(null, replies.circuitOpen("kh"));
        var both = collector.collect(first, replies.classify("kh", new SocketTimeoutException()));
        assertThat(both).extracting(a -> a.status()).containsExactly(NodeStatus.CIRCUIT_OPEN, NodeStatus.TIMEOUT);
    }
}

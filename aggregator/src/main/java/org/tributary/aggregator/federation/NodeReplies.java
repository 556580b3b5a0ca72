package org.tributary.aggregator.federation;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.regional.NodeAnswer;
import org.tributary.aggregator.regional.NodeStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a node sent back into a {@link NodeAnswer}: its protected table, its refusal with its reason, or why
 * there is no answer. The reasons given to clients are fixed sentences; exception messages (which may quote a
 * node's body) are never passed on.
 */
@Component
public class NodeReplies {

    private static final Logger log = LoggerFactory.getLogger(NodeReplies.class);
    private static final int MAX_REASON = 300;

    private final NodeRegistry registry;
    private final JsonMapper json;

    NodeReplies(NodeRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    /** A protected table from the node's count-queries answer; anything else is refused as malformed. */
    public NodeAnswer read(@ExchangeProperty(NodeRegistry.NODE_ID) String nodeId, String body) {
        JsonNode root = json.readTree(body);
        JsonNode md = root.path("metadata");
        if (!root.path("cells").isArray()
                || !md.path("policyVersion").isNumber()
                || !md.path("threshold").isInt()
                || !md.path("dimensions").isArray()) {
            throw new MalformedAnswer();
        }
        List<String> dimensions = new ArrayList<>();
        md.path("dimensions").forEach(d -> dimensions.add(d.asString()));
        Set<String> multi = new LinkedHashSet<>();
        md.path("multiResponseDimensions").forEach(d -> multi.add(d.asString()));
        List<NodeAnswer.Cell> cells = new ArrayList<>();
        for (JsonNode c : root.path("cells")) {
            Map<String, String> at = new LinkedHashMap<>();
            for (String d : dimensions) {
                JsonNode code = c.path("coordinates").path(d);
                if (!code.isString()) {
                    throw new MalformedAnswer();
                }
                at.put(d, code.asString());
            }
            boolean suppressed = c.path("suppressed").asBoolean(false);
            JsonNode value = c.path("value");
            if (suppressed == value.isIntegralNumber() || (!suppressed && value.asLong() < 0)) {
                throw new MalformedAnswer();
            }
            cells.add(new NodeAnswer.Cell(at, suppressed ? null : value.asLong(), suppressed));
        }
        var node = registry.node(nodeId).orElseThrow();
        return new NodeAnswer(
                nodeId,
                node.country(),
                NodeStatus.OK,
                null,
                md.path("policyVersion").asLong(),
                md.path("threshold").asInt(),
                md.path("mode").asString("ROUNDING"),
                multi,
                instant(md.path("releasedAt")),
                md.path("absentCellsAreZero").asBoolean(true),
                cells);
    }

    /** The node's circuit is open: it was not asked. */
    public NodeAnswer circuitOpen(@ExchangeProperty(NodeRegistry.NODE_ID) String nodeId) {
        return NodeAnswer.failed(
                nodeId, country(nodeId), NodeStatus.CIRCUIT_OPEN, "not asked: the node failed repeatedly of late");
    }

    /** Why a call gave no table, from the exception Camel caught. */
    public NodeAnswer failed(@ExchangeProperty(NodeRegistry.NODE_ID) String nodeId, Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        NodeAnswer answer = classify(nodeId, cause);
        log.info("Node {} gave no table: {} ({})", nodeId, answer.status().code(), answer.reason());
        return answer;
    }

    NodeAnswer classify(String nodeId, Throwable cause) {
        String country = country(nodeId);
        if (cause instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            String refusal = (status == 400 || status == 422 || status == 503) ? refusal(http) : null;
            if (refusal != null) {
                return NodeAnswer.failed(nodeId, country, NodeStatus.REFUSED, refusal);
            }
            return NodeAnswer.failed(nodeId, country, NodeStatus.UNAVAILABLE, "the node answered HTTP " + status);
        }
        if (cause instanceof SocketTimeoutException) {
            return NodeAnswer.failed(nodeId, country, NodeStatus.TIMEOUT, "no answer within the timeout");
        }
        if (cause instanceof ConnectException) {
            return NodeAnswer.failed(nodeId, country, NodeStatus.UNAVAILABLE, "the node could not be reached");
        }
        if (cause instanceof MalformedAnswer || cause instanceof tools.jackson.core.JacksonException) {
            return NodeAnswer.failed(
                    nodeId, country, NodeStatus.UNAVAILABLE, "the node's answer was not a valid protected table");
        }
        return NodeAnswer.failed(nodeId, country, NodeStatus.UNAVAILABLE, "the call to the node failed");
    }

    /**
     * The node's own sentence for a refusal, when its body is a Tributary problem: the node's policy reason (e.g.
     * "population below the floor") is meant for the querier and holds no data.
     */
    private String refusal(HttpOperationFailedException http) {
        try {
            JsonNode problem = json.readTree(http.getResponseBody());
            String type = problem.path("type").asString("");
            if (!type.startsWith("urn:tributary:problem:")) {
                return null;
            }
            String detail = problem.path("detail").asString("refused by the node's policy");
            String reason = problem.path("reason").asString(null);
            String sentence = reason == null ? detail : reason + ": " + detail;
            return sentence.length() > MAX_REASON ? sentence.substring(0, MAX_REASON) : sentence;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private String country(String nodeId) {
        return registry.node(nodeId).map(n -> n.country()).orElse(null);
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isString() ? Instant.parse(node.asString()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The node's body is JSON but not a protected table. */
    static final class MalformedAnswer extends RuntimeException {
        MalformedAnswer() {
            super("not a protected table", null, false, false);
        }
    }
}

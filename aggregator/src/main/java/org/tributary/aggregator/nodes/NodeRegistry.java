package org.tributary.aggregator.nodes;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured country nodes and what the health route last learnt about each: reachable or not, policy
 * version, mode, and the catalogue of dimensions the region may ask about.
 */
@Component
public class NodeRegistry {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

    /** The exchange property naming the node a probe or a call is for. */
    public static final String NODE_ID = "tributaryNodeId";

    private final Map<String, AggregatorProperties.Node> nodes = new LinkedHashMap<>();
    private final ConcurrentMap<String, NodeState> states = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final Clock clock;

    public NodeRegistry(AggregatorProperties properties, JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        for (var node : properties.nodes()) {
            if (nodes.putIfAbsent(node.id(), node) != null) {
                throw new IllegalStateException("Node id configured twice: " + node.id());
            }
            states.put(node.id(), NodeState.unknown(node.id(), node.country(), node.baseUrl()));
        }
    }

    public List<AggregatorProperties.Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<String> nodeIds() {
        return List.copyOf(nodes.keySet());
    }

    /** The nodes whose catalogue has not arrived yet (just started, or down since the aggregator started). */
    public List<String> nodeIdsWithoutCatalogue() {
        return states.entrySet().stream()
                .filter(e -> e.getValue().catalogue() == null)
                .map(java.util.Map.Entry::getKey)
                .toList();
    }

    public Optional<AggregatorProperties.Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    public List<NodeState> states() {
        return nodes.keySet().stream().map(states::get).toList();
    }

    /** The capabilities URL of the node a probe is for. */
    public String capabilitiesUrl(@ExchangeProperty(NODE_ID) String nodeId) {
        return nodes.get(nodeId).baseUrl() + "/federation/v1/capabilities";
    }

    /** The catalogue URL of the node a probe is for. */
    public String catalogueUrl(@ExchangeProperty(NODE_ID) String nodeId) {
        return nodes.get(nodeId).baseUrl() + "/federation/v1/catalogue";
    }

    public void capabilitiesReceived(@ExchangeProperty(NODE_ID) String nodeId, String body) {
        JsonNode c = json.readTree(body);
        if (!c.path("policyVersion").isNumber() || !c.path("nodeId").isString()) {
            throw new IllegalArgumentException("not a capabilities document");
        }
        states.computeIfPresent(
                nodeId,
                (id, s) -> s.up(
                        clock.instant(),
                        c.path("nodeId").asString(),
                        c.path("name").asString(null),
                        c.path("policyVersion").asLong(),
                        c.path("mode").asString(null),
                        c.path("releasesEnabled").asBoolean(true),
                        c.path("schemaVersion").asString(null)));
    }

    public void catalogueReceived(@ExchangeProperty(NODE_ID) String nodeId, String body) {
        JsonNode c = json.readTree(body);
        if (!c.path("dimensions").isArray()) {
            throw new IllegalArgumentException("not a catalogue document");
        }
        Map<String, NodeCatalogue.DimensionInfo> dimensions = new LinkedHashMap<>();
        for (JsonNode d : c.path("dimensions")) {
            Set<String> codes = new TreeSet<>();
            d.path("codes").forEach(code -> codes.add(code.asString()));
            dimensions.put(
                    d.path("id").asString(),
                    new NodeCatalogue.DimensionInfo(d.path("multiResponse").asBoolean(), codes));
        }
        var catalogue = new NodeCatalogue(c.path("maxDimensions").asInt(3), dimensions);
        states.computeIfPresent(nodeId, (id, s) -> s.withCatalogue(catalogue));
    }

    /** A failed probe marks the node down with a fixed sentence: exception messages may quote what they got. */
    public void probeFailed(@ExchangeProperty(NODE_ID) String nodeId, Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String problem = describe(cause);
        NodeState before = states.get(nodeId);
        states.computeIfPresent(nodeId, (id, s) -> s.down(clock.instant(), problem));
        if (before != null && !"down".equals(before.health())) {
            log.warn("Node {} is down: {}", nodeId, problem);
        }
    }

    /** The union of the catalogues of every node heard from: what a regional question may name. */
    public Optional<NodeCatalogue> catalogueUnion() {
        Map<String, Boolean> multi = new LinkedHashMap<>();
        Map<String, Set<String>> codes = new LinkedHashMap<>();
        int maxDimensions = 0;
        boolean any = false;
        for (NodeState s : states()) {
            if (s.catalogue() == null) {
                continue;
            }
            any = true;
            maxDimensions = Math.max(maxDimensions, s.catalogue().maxDimensions());
            s.catalogue().dimensions().forEach((id, info) -> {
                multi.merge(id, info.multiResponse(), Boolean::logicalOr);
                codes.computeIfAbsent(id, k -> new TreeSet<>()).addAll(info.codes());
            });
        }
        if (!any) {
            return Optional.empty();
        }
        Map<String, NodeCatalogue.DimensionInfo> union = new LinkedHashMap<>();
        codes.forEach((id, c) -> union.put(id, new NodeCatalogue.DimensionInfo(multi.get(id), c)));
        return Optional.of(new NodeCatalogue(maxDimensions, union));
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "no answer";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof SocketTimeoutException) {
            return "no answer within the timeout";
        }
        if (cause instanceof org.apache.camel.http.base.HttpOperationFailedException http) {
            return "answered HTTP " + http.getStatusCode();
        }
        if (cause instanceof tools.jackson.core.JacksonException || cause instanceof IllegalArgumentException) {
            return "answered something that is not a valid document";
        }
        if (cause instanceof java.io.IOException) {
            return "connection failed";
        }
        return "probe failed";
    }
}

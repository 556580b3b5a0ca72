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
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.NodeCapabilities;
import org.tributary.common.integrity.PublicKeys;
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
    /** Node keys pinned from capabilities (nodes configured without a key): the first one announced. */
    private final ConcurrentMap<String, java.security.PublicKey> pinned = new ConcurrentHashMap<>();
    /** Nodes whose capabilities announce a key other than the one configured or pinned. */
    private final ConcurrentMap<String, String> keyMismatch = new ConcurrentHashMap<>();

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
            if (node.publicKey() != null && !node.publicKey().isBlank()) {
                try {
                    PublicKeys.parse(node.publicKey());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("The public key configured for node " + node.id()
                            + " is not an Ed25519 key (base64 SubjectPublicKeyInfo expected)");
                }
            }
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
        return nodes.get(nodeId).baseUrl() + FederationContract.CAPABILITIES;
    }

    /**
     * The key a node's receipts and checkpoints must verify under: the configured one, else the first its
     * capabilities announced; empty before either is known.
     */
    public Optional<java.security.PublicKey> publicKey(String nodeId) {
        var node = nodes.get(nodeId);
        if (node == null) {
            return Optional.empty();
        }
        if (node.publicKey() != null && !node.publicKey().isBlank()) {
            return Optional.of(PublicKeys.parse(node.publicKey()));
        }
        return Optional.ofNullable(pinned.get(nodeId));
    }

    /** The node's own id as its capabilities said it (e.g. {@code node-kh}), once heard. */
    public Optional<String> remoteNodeId(String nodeId) {
        return Optional.ofNullable(states.get(nodeId)).map(NodeState::remoteNodeId);
    }

    /** Where a node's key comes from: {@code configured}, {@code pinned} (first announced) or {@code unknown}. */
    public String keySource(String nodeId) {
        var node = nodes.get(nodeId);
        if (node != null && node.publicKey() != null && !node.publicKey().isBlank()) {
            return "configured";
        }
        return pinned.containsKey(nodeId) ? "pinned" : "unknown";
    }

    /** Why a node's announced key is not trusted, if it is not. */
    public Optional<String> keyMismatch(String nodeId) {
        return Optional.ofNullable(keyMismatch.get(nodeId));
    }

    private void announced(String nodeId, String publicKey) {
        if (publicKey == null || publicKey.isBlank()) {
            keyMismatch.put(nodeId, "the node publishes no signing key");
            return;
        }
        java.security.PublicKey key;
        try {
            key = PublicKeys.parse(publicKey);
        } catch (IllegalArgumentException e) {
            keyMismatch.put(nodeId, "the node publishes a key that is not Ed25519");
            return;
        }
        java.security.PublicKey trusted = publicKey(nodeId).orElse(null);
        if (trusted == null) {
            pinned.putIfAbsent(nodeId, key);
            log.info(
                    "Node {} signs with {} (pinned from its capabilities: configure it to be sure)",
                    nodeId,
                    PublicKeys.keyId(key));
            keyMismatch.remove(nodeId);
        } else if (!trusted.equals(key)) {
            if (keyMismatch.put(
                            nodeId,
                            "the node announces " + PublicKeys.keyId(key) + ", trusted is " + PublicKeys.keyId(trusted))
                    == null) {
                log.warn("Node {} announces another signing key than the trusted one: its answers are refused", nodeId);
            }
        } else {
            keyMismatch.remove(nodeId);
        }
    }

    /** The catalogue URL of the node a probe is for. */
    public String catalogueUrl(@ExchangeProperty(NODE_ID) String nodeId) {
        return nodes.get(nodeId).baseUrl() + FederationContract.CATALOGUE;
    }

    public void capabilitiesReceived(@ExchangeProperty(NODE_ID) String nodeId, String body) {
        NodeCapabilities c = json.readValue(body, NodeCapabilities.class);
        if (c.contractVersion() != FederationContract.VERSION) {
            throw new ContractMismatch(c.contractVersion());
        }
        if (c.nodeId() == null || c.mode() == null) {
            throw new IllegalArgumentException("not a capabilities document");
        }
        announced(nodeId, c.publicKey());
        states.computeIfPresent(
                nodeId,
                (id, s) -> s.up(
                        clock.instant(),
                        c.nodeId(),
                        c.name(),
                        c.policyVersion(),
                        c.mode().name(),
                        c.adHocMode() == null ? null : c.adHocMode().name(),
                        c.releasePeriod(),
                        c.releasesEnabled(),
                        c.schemaVersion()));
    }

    public void catalogueReceived(@ExchangeProperty(NODE_ID) String nodeId, String body) {
        var c = json.readValue(body, org.tributary.common.federation.NodeCatalogue.class);
        if (c.contractVersion() != FederationContract.VERSION) {
            throw new ContractMismatch(c.contractVersion());
        }
        Map<String, NodeCatalogue.DimensionInfo> dimensions = new LinkedHashMap<>();
        for (var d : c.dimensions()) {
            dimensions.put(
                    d.id(),
                    new NodeCatalogue.DimensionInfo(
                            d.multiResponse(), new TreeSet<>(d.codes()), new TreeSet<>(d.exclusiveCodes())));
        }
        var catalogue = new NodeCatalogue(
                c.maxDimensions() < 1 ? 3 : c.maxDimensions(), dimensions, Set.copyOf(c.catalogueTables()));
        states.computeIfPresent(nodeId, (id, s) -> s.withCatalogue(catalogue));
    }

    /** The node's catalogue, once heard. */
    public Optional<NodeCatalogue> catalogueOf(String nodeId) {
        return Optional.ofNullable(states.get(nodeId)).map(NodeState::catalogue);
    }

    /** Each node's current release period, as its last capabilities said (absent before it was heard). */
    public Map<String, String> releasePeriods() {
        Map<String, String> out = new java.util.TreeMap<>();
        states.forEach((id, s) -> {
            if (s.releasePeriod() != null) {
                out.put(id, s.releasePeriod());
            }
        });
        return out;
    }

    /** A node that speaks another version of the contract. */
    static final class ContractMismatch extends RuntimeException {
        ContractMismatch(int version) {
            super("contract version " + version, null, false, false);
        }
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
        if (cause instanceof ContractMismatch mismatch) {
            return "speaks " + mismatch.getMessage() + "; this aggregator speaks " + FederationContract.VERSION;
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

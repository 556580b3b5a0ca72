package org.tributary.aggregator.federation;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.nodes.NodeCatalogue;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.regional.NodeAnswer;
import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.common.federation.BudgetStatus;
import org.tributary.common.federation.CatalogueRelease;
import org.tributary.common.federation.CountQueryRequest;
import org.tributary.common.federation.FederationContract;
import org.tributary.common.federation.ReleasedTable;
import org.tributary.common.federation.TableCell;
import org.tributary.common.integrity.AuditChain;
import org.tributary.common.integrity.Checkpoint;
import org.tributary.common.integrity.Digests;
import org.tributary.common.integrity.Receipt;
import org.tributary.common.integrity.ReleaseDigest;
import org.tributary.common.integrity.SignedStatements;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a node sent back into a {@link NodeReply}: its released table, catalogue release or budget — parsed
 * into the contract's records and checked against the laws ({@link AnswerLaws}) — its refusal with its reason, or why
 * there is none. The reasons given to clients are fixed sentences; exception messages (which may quote a node's
 * body) are never passed on.
 */
@Component
public class NodeReplies {

    private static final Logger log = LoggerFactory.getLogger(NodeReplies.class);
    private static final int MAX_REASON = 300;

    /** Exchange property: the question of a count-query fan-out. */
    public static final String QUESTION = "tributaryQuestion";

    private final NodeRegistry registry;
    private final JsonMapper json;
    private final org.springframework.beans.factory.ObjectProvider<ReceiptSink> sinks;

    NodeReplies(
            NodeRegistry registry,
            JsonMapper json,
            org.springframework.beans.factory.ObjectProvider<ReceiptSink> sinks) {
        this.registry = registry;
        this.json = json;
        this.sinks = sinks;
    }

    /** Where checked receipts go (the witness keeps them). */
    public interface ReceiptSink {
        void received(String nodeId, Receipt receipt);
    }

    /** A consistency proof as a node sent it. */
    public record AuditProof(long from, long to, boolean complete, List<AuditChain.ProofEntry> entries) {}

    /** The node's message for the call made, checked; a message that breaks a law is refused. */
    public NodeReply read(
            @ExchangeProperty(NodeRegistry.NODE_ID) String nodeId,
            @ExchangeProperty(NodeCall.PROPERTY) NodeCall call,
            @ExchangeProperty(QUESTION) CountQueryRequest question,
            @Header(Receipt.HEADER) String receiptHeader,
            String body) {
        String country = country(nodeId);
        if (call == NodeCall.CHECKPOINT) {
            return NodeReply.ok(nodeId, country, checkpoint(nodeId, body));
        }
        if (call == NodeCall.AUDIT_PROOF) {
            return NodeReply.ok(nodeId, country, proof(body));
        }
        Receipt receipt = null;
        if (call != NodeCall.BUDGET) {
            // A body that is no JSON at all is no answer (a JacksonException, classified as such); then its receipt.
            Object parsed = json.readValue(body, Object.class);
            try {
                receipt = checkedReceipt(nodeId, call.name(), receiptHeader, parsed, true);
            } catch (IllegalArgumentException bad) {
                log.warn(
                        "Node {} sent an answer without a valid receipt ({}); it is not used",
                        nodeId,
                        bad.getMessage());
                return NodeReply.failed(
                        nodeId,
                        country,
                        NodeStatus.UNAVAILABLE,
                        "the node's answer has no valid receipt: " + bad.getMessage());
            }
            Receipt kept = receipt;
            sinks.ifAvailable(sink -> sink.received(nodeId, kept));
        }
        NodeCatalogue catalogue = registry.catalogueOf(nodeId).orElse(null);
        Map<String, java.util.Set<String>> codes = catalogue == null ? Map.of() : catalogue.codes();
        return switch (call) {
            case COUNT_QUERY -> {
                ReleasedTable table = json.readValue(body, ReleasedTable.class);
                Optional<String> broken = AnswerLaws.check(
                        table,
                        question.dimensions(),
                        codes,
                        question.filters() == null ? Map.of() : question.filters());
                yield broken.isPresent()
                        ? rejected(nodeId, country, broken.get())
                        : new NodeReply(
                                nodeId,
                                country,
                                NodeStatus.OK,
                                null,
                                table,
                                table.spend() == null ? null : table.spend().remaining(),
                                receipt,
                                null);
            }
            case CATALOGUE_RELEASE -> {
                CatalogueRelease release = json.readValue(body, CatalogueRelease.class);
                Optional<String> broken = AnswerLaws.check(release, catalogue);
                yield broken.isPresent()
                        ? rejected(nodeId, country, broken.get())
                        : new NodeReply(nodeId, country, NodeStatus.OK, null, release, null, receipt, body);
            }
            case BUDGET -> {
                BudgetStatus budget = json.readValue(body, BudgetStatus.class);
                yield budget.contractVersion() == FederationContract.VERSION
                        ? new NodeReply(nodeId, country, NodeStatus.OK, null, budget, budget)
                        : rejected(nodeId, country, "contract version " + budget.contractVersion());
            }
            default -> throw new IllegalStateException("handled above");
        };
    }

    /**
     * The answer's receipt, checked: signed by the node's trusted key, of the expected kind and — for an answer
     * with cells — over exactly the body received. An error says what is wrong in a fixed sentence.
     */
    Receipt checkedReceipt(String nodeId, String kind, String header, Object body, boolean cells) {
        if (header == null) {
            throw new IllegalArgumentException("the answer has no receipt");
        }
        Receipt receipt;
        try {
            Map<?, ?> parsed = json.readValue(SignedStatements.decode(header), Map.class);
            if (parsed == null) {
                throw new IllegalArgumentException("the receipt is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) parsed;
            receipt = Receipt.fromMap(fields);
        } catch (tools.jackson.core.JacksonException | ClassCastException e) {
            throw new IllegalArgumentException("the receipt is not JSON");
        }
        var mismatch = registry.keyMismatch(nodeId);
        if (mismatch.isPresent()) {
            throw new IllegalArgumentException(mismatch.get());
        }
        var key = registry.publicKey(nodeId)
                .orElseThrow(() -> new IllegalArgumentException("the node's signing key is not known yet"));
        if (!receipt.verifies(key)) {
            throw new IllegalArgumentException("the receipt's signature does not verify under the node's key");
        }
        if (!kind.equals(receipt.kind())) {
            throw new IllegalArgumentException("the receipt is for another kind of answer");
        }
        String remoteId = registry.remoteNodeId(nodeId).orElse(null);
        if (remoteId != null && !remoteId.equals(receipt.nodeId())) {
            throw new IllegalArgumentException("the receipt names another node than the one asked");
        }
        if (cells) {
            if (!ReleaseDigest.of(body).equals(receipt.releasedDigest())) {
                throw new IllegalArgumentException("the receipt is for other cells than those received");
            }
            // The period and policy the receipt names are those the answer says it was released under.
            Object said = body instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> md ? md : body;
            if (said instanceof Map<?, ?> fields
                    && (!String.valueOf(fields.get("releasePeriod")).equals(String.valueOf(receipt.releasePeriod()))
                            || !(fields.get("policyVersion") instanceof Number v
                                    && v.longValue() == receipt.policyVersion()))) {
                throw new IllegalArgumentException("the receipt names another period or policy than the answer");
            }
        } else if (receipt.releasedDigest() != null) {
            throw new IllegalArgumentException("a refusal's receipt names released cells");
        }
        return receipt;
    }

    private Checkpoint checkpoint(String nodeId, String body) {
        Checkpoint c = Checkpoint.fromMap(json.readValue(body, Map.class));
        var key = registry.publicKey(nodeId)
                .orElseThrow(() -> new IllegalArgumentException("the node's signing key is not known yet"));
        if (!c.verifies(key)) {
            throw new IllegalArgumentException("the checkpoint's signature does not verify");
        }
        String remoteId = registry.remoteNodeId(nodeId).orElse(null);
        if (remoteId != null && !remoteId.equals(c.nodeId())) {
            throw new IllegalArgumentException("the checkpoint names another node than the one asked");
        }
        return c;
    }

    private AuditProof proof(String body) {
        JsonNode tree = json.readTree(body);
        List<AuditChain.ProofEntry> entries = new ArrayList<>();
        for (JsonNode e : tree.path("entries")) {
            String content = e.path("contentDigest").asString(null);
            String legacy = e.path("legacyHash").asString(null);
            if ((content != null && !Digests.isSha256(content)) || (legacy != null && !Digests.isSha256(legacy))) {
                throw new IllegalArgumentException("a proof entry is not a SHA-256");
            }
            entries.add(new AuditChain.ProofEntry(e.path("seq").asLong(-1), content, legacy));
        }
        return new AuditProof(
                tree.path("from").asLong(-1),
                tree.path("to").asLong(-1),
                tree.path("complete").asBoolean(false),
                entries);
    }

    private NodeReply rejected(String nodeId, String country, String law) {
        log.warn("Node {} sent an answer that breaks the disclosure laws ({}); it is not used", nodeId, law);
        return NodeReply.failed(
                nodeId, country, NodeStatus.UNAVAILABLE, "the node's answer broke the disclosure laws: " + law);
    }

    /** A node's released table as an answer to combine. */
    public static NodeAnswer answer(NodeReply reply, ReleasedTable table) {
        var md = table.metadata();
        List<NodeAnswer.Cell> cells = new ArrayList<>(table.cells().size());
        for (TableCell c : table.cells()) {
            cells.add(new NodeAnswer.Cell(c.coordinates(), c.value(), c.status(), c.standardError()));
        }
        return new NodeAnswer(
                reply.nodeId(),
                reply.country(),
                NodeStatus.OK,
                null,
                md.policyVersion(),
                md.threshold(),
                md.mode().name(),
                new LinkedHashSet<>(md.multiResponseDimensions()),
                md.releasedAt(),
                md.absentCellsAreZero(),
                cells,
                md.releasePeriod(),
                null,
                reply.budget(),
                md.roundingBase());
    }

    /** The node's circuit is open: it was not asked. */
    public NodeReply circuitOpen(@ExchangeProperty(NodeRegistry.NODE_ID) String nodeId) {
        return NodeReply.failed(
                nodeId, country(nodeId), NodeStatus.CIRCUIT_OPEN, "not asked: the node failed repeatedly of late");
    }

    public NodeReply lateInQueue(@ExchangeProperty(NodeRegistry.NODE_ID) String nodeId) {
        return NodeReply.failed(
                nodeId, country(nodeId), NodeStatus.TIMEOUT, "not asked: earlier calls to this node took the time");
    }

    /** Why a call gave no message, from the exception Camel caught. */
    public NodeReply failed(@ExchangeProperty(NodeRegistry.NODE_ID) String nodeId, Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        NodeReply reply = classify(nodeId, cause);
        log.info("Node {} gave no answer: {} ({})", nodeId, reply.status().code(), reply.reason());
        return reply;
    }

    NodeReply classify(String nodeId, Throwable cause) {
        String country = country(nodeId);
        if (cause instanceof HttpOperationFailedException http) {
            int status = http.getStatusCode();
            if (status == 400 || status == 403 || status == 422 || status == 429 || status == 503) {
                Optional<NodeReply> refusal = refusal(nodeId, country, http);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
            }
            return NodeReply.failed(nodeId, country, NodeStatus.UNAVAILABLE, "the node answered HTTP " + status);
        }
        if (cause instanceof BoundedAnswers.Exceeded exceeded) {
            return exceeded.bound() == BoundedAnswers.Exceeded.Bound.DEADLINE
                    ? NodeReply.failed(nodeId, country, NodeStatus.TIMEOUT, "the answer did not end within the timeout")
                    : NodeReply.failed(
                            nodeId, country, NodeStatus.UNAVAILABLE, "the node's answer was larger than allowed");
        }
        if (cause instanceof SocketTimeoutException) {
            return NodeReply.failed(nodeId, country, NodeStatus.TIMEOUT, "no answer within the timeout");
        }
        if (cause instanceof java.util.concurrent.RejectedExecutionException) {
            return NodeReply.failed(
                    nodeId, country, NodeStatus.UNAVAILABLE, "not asked: too many calls are waiting for this node");
        }
        if (cause instanceof ConnectException) {
            return NodeReply.failed(nodeId, country, NodeStatus.UNAVAILABLE, "the node could not be reached");
        }
        if (cause instanceof tools.jackson.core.JacksonException || cause instanceof IllegalArgumentException) {
            return NodeReply.failed(
                    nodeId, country, NodeStatus.UNAVAILABLE, "the node's answer was not a valid protected table");
        }
        return NodeReply.failed(nodeId, country, NodeStatus.UNAVAILABLE, "the call to the node failed");
    }

    /**
     * The node's own sentence for a refusal, when its body is a Tributary problem: the node's policy reason (e.g.
     * "population below the floor", "budget exhausted") is meant for the querier and holds no data; a budget that
     * comes with it is kept.
     */
    private Optional<NodeReply> refusal(String nodeId, String country, HttpOperationFailedException http) {
        try {
            JsonNode problem = json.readTree(http.getResponseBody());
            String type = problem.path("type").asString("");
            if (!type.startsWith(FederationContract.PROBLEM_PREFIX)) {
                return Optional.empty();
            }
            String detail = problem.path("detail").asString("refused by the node's policy");
            String reason = problem.path("reason").asString(null);
            String sentence = reason == null ? detail : reason + ": " + detail;
            if (sentence.length() > MAX_REASON) {
                sentence = sentence.substring(0, MAX_REASON);
            }
            BudgetStatus budget =
                    problem.has("budget") ? json.treeToValue(problem.get("budget"), BudgetStatus.class) : null;
            Receipt receipt = refusalReceipt(nodeId, http);
            return Optional.of(
                    new NodeReply(nodeId, country, NodeStatus.REFUSED, sentence, null, budget, receipt, null));
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** A refusal's receipt, kept when it verifies; a refusal without one is still the node's refusal. */
    private Receipt refusalReceipt(String nodeId, HttpOperationFailedException http) {
        String header = http.getResponseHeaders() == null
                ? null
                : http.getResponseHeaders().get(Receipt.HEADER);
        if (header == null) {
            return null;
        }
        try {
            Receipt receipt = checkedReceipt(nodeId, NodeCall.COUNT_QUERY.name(), header, null, false);
            sinks.ifAvailable(sink -> sink.received(nodeId, receipt));
            return receipt;
        } catch (IllegalArgumentException bad) {
            log.warn("Node {} sent a refusal with a receipt that does not hold ({})", nodeId, bad.getMessage());
            return null;
        }
    }

    private String country(String nodeId) {
        return registry.node(nodeId).map(n -> n.country()).orElse(null);
    }
}

package org.tributary.aggregator.accessreview;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;
import org.tributary.aggregator.config.AggregatorProperties;
import tools.jackson.databind.JsonNode;

/** Every configured node's audit-chain verification, asked in parallel with the officer's token. */
@Service
class AuditChains {

    private final AggregatorProperties aggregator;
    private final OfficerRelay relay;
    private final Clock clock;

    AuditChains(AggregatorProperties aggregator, OfficerRelay relay, Clock clock) {
        this.aggregator = aggregator;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * One node's chain.
     *
     * @param status {@code intact}, {@code broken}, {@code unavailable} (no usable answer) or {@code refused}
     *     (the node did not let the officer read its audit: 401 or 403)
     * @param entries, firstBrokenSeq, problem the node's own verification fields, as it answered them
     * @param reason why there is no verification (unavailable and refused only)
     */
    record ChainReport(
            String id,
            String country,
            String status,
            Boolean intact,
            Long entries,
            Long firstBrokenSeq,
            String problem,
            String reason) {}

    record ChainsAnswer(Instant checkedAt, List<ChainReport> nodes) {}

    ChainsAnswer verify(String officerToken) {
        Instant at = clock.instant();
        List<CompletableFuture<ChainReport>> asked = aggregator.nodes().stream()
                .map(node -> relay.async(
                        () -> ask(node, officerToken),
                        report(
                                node,
                                "unavailable",
                                "no answer within " + relay.timeout().toMillis() + " ms")))
                .toList();
        return new ChainsAnswer(at, asked.stream().map(CompletableFuture::join).toList());
    }

    private ChainReport ask(AggregatorProperties.Node node, String officerToken) {
        OfficerRelay.Reply reply = relay.get(strip(node.baseUrl()) + "/api/audit/verify", officerToken);
        if (reply.refused()) {
            return report(node, "refused", "HTTP " + reply.status());
        }
        if (!reply.ok()) {
            return report(node, "unavailable", reply.failure());
        }
        JsonNode body = reply.body();
        JsonNode intact = body.get("intact");
        if (intact == null || !intact.isBoolean()) {
            return report(node, "unavailable", "answer has no verification");
        }
        return new ChainReport(
                node.id(),
                node.country(),
                intact.booleanValue() ? "intact" : "broken",
                intact.booleanValue(),
                longOrNull(body.get("entries")),
                longOrNull(body.get("firstBrokenSeq")),
                textOrNull(body.get("problem")),
                null);
    }

    private static ChainReport report(AggregatorProperties.Node node, String status, String reason) {
        return new ChainReport(node.id(), node.country(), status, null, null, null, null, reason);
    }

    static String strip(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    static Long longOrNull(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.longValue();
    }

    static String textOrNull(JsonNode node) {
        return node == null || !node.isString() ? null : node.stringValue();
    }
}

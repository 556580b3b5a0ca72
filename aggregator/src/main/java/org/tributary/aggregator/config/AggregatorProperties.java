package org.tributary.aggregator.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The aggregator's settings: the region it reports for, the nodes it asks, and how it asks them.
 *
 * @param dataDir where the embedded PostgreSQL keeps the release store when no datasource URL is set
 * @param minContributingNodes no regional figure is published from fewer answering countries
 * @param nodeToken a static bearer token for the nodes (tests and the demo); empty sends none
 */
@Validated
@ConfigurationProperties("tributary.aggregator")
public record AggregatorProperties(
        @Valid @NotNull Region region,
        @DefaultValue("./data/aggregator") Path dataDir,
        @DefaultValue("2") @Min(1) int minContributingNodes,
        @Valid @NotNull Calls calls,
        @Valid @NotNull Breaker circuitBreaker,
        @NotNull Duration healthPeriod,
        @NotBlank String releaseCron,
        String nodeToken,
        @Valid List<Node> nodes) {

    public AggregatorProperties {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** The region reported for; its code stands for the region in exports (REF_AREA). */
    public record Region(@NotBlank String code, @NotBlank String name) {}

    /**
     * One country node.
     *
     * @param id a short word: it names the node's route ({@code ask-node-<id>})
     * @param publicKey the node's Ed25519 key (base64 SubjectPublicKeyInfo, as its capabilities publish it): its
     *     receipts and checkpoints must verify under it. Without one, the key the node's capabilities announce first
     *     is pinned (trust on first use) — deployments set it
     */
    public record Node(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{1,32}") String id,
            @NotBlank @Pattern(regexp = "[A-Z]{2}") String country,
            @NotBlank @Pattern(regexp = "https?://\\S+") String baseUrl,
            @Pattern(regexp = "([A-Za-z0-9+/=]{40,200})?") String publicKey) {

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Node {}

        public Node(String id, String country, String baseUrl) {
            this(id, country, baseUrl, null);
        }
    }

    /**
     * How nodes are called.
     *
     * @param timeout the most one node may take to answer
     * @param retries further attempts after a transient failure (connection refused, 502, 503)
     * @param retryDelay the first retry's delay, doubled for each further one
     * @param threads the fan-out pool: at most this many node calls run at once (raised to {@code nodes × perNode}
     *     so that every node's share fits)
     * @param perNode the bulkhead: at most this many calls to one node at once; a further call is not made (the node
     *     is reported unavailable for that question), so that a slow node cannot take the pool from the others
     * @param maxAnswerSize the largest body a node may send; a larger one is cut off as soon as it is passed
     * @param idleEviction pooled connections idle this long are closed (checked as often), before a node's own
     *     keep-alive timeout closes them under a request
     */
    public record Calls(
            @NotNull Duration timeout,
            @Min(0) @Max(5) int retries,
            @NotNull Duration retryDelay,
            @Min(1) @Max(512) int threads,
            @Min(1) @Max(64) int perNode,
            @NotNull DataSize maxAnswerSize,
            @NotNull Duration idleEviction) {}

    /**
     * The per-node circuit breaker.
     *
     * @param failureRate percentage of failed calls in the window that opens the circuit
     * @param window calls counted
     * @param minimumCalls calls needed before the rate counts
     * @param openFor how long an open circuit stays open before a trial call
     */
    public record Breaker(
            @Min(1) @Max(100) int failureRate,
            @Min(1) int window,
            @Min(1) int minimumCalls,
            @NotNull Duration openFor) {}
}

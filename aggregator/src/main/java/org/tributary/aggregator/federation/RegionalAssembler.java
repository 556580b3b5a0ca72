package org.tributary.aggregator.federation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.config.AggregatorProperties;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.regional.NodeAnswer;
import org.tributary.aggregator.regional.NodeReport;
import org.tributary.aggregator.regional.NodeStatus;
import org.tributary.aggregator.regional.Provenance;
import org.tributary.aggregator.regional.RegionalCombiner;
import org.tributary.aggregator.regional.RegionalTable;
import org.tributary.common.federation.ReleasedTable;

/**
 * The last step of a fan-out: one reply per configured node (a node that did not answer in time is reported as
 * {@code timeout}, never left out); for a count query the regional combination and its provenance.
 */
@Component
public class RegionalAssembler {

    /** Exchange property: when the question went out. */
    public static final String ASKED_AT = "tributaryAskedAt";

    private final NodeRegistry registry;
    private final RegionalCombiner combiner;
    private final AggregatorProperties properties;
    private final Clock clock;

    RegionalAssembler(NodeRegistry registry, AggregatorProperties properties, Clock clock) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.combiner = new RegionalCombiner(properties.minContributingNodes());
    }

    /** An assembler for answers already at hand (no registry, no fan-out): for recomputing a stored release. */
    public static RegionalAssembler offline(AggregatorProperties properties, Clock clock) {
        return new RegionalAssembler(null, properties, clock);
    }

    /** One reply per configured node, in the order the nodes are configured. */
    public List<NodeReply> replies(Exchange exchange) {
        Map<String, NodeReply> byNode = new HashMap<>();
        if (exchange.getMessage().getBody() instanceof List<?> collected) {
            for (Object o : collected) {
                if (o instanceof NodeReply r) {
                    byNode.put(r.nodeId(), r);
                }
            }
        }
        List<NodeReply> out = new ArrayList<>();
        for (var node : registry.nodes()) {
            out.add(byNode.getOrDefault(
                    node.id(),
                    NodeReply.failed(node.id(), node.country(), NodeStatus.TIMEOUT, "no answer within the timeout")));
        }
        return out;
    }

    public RegionalAnswer assemble(Exchange exchange) {
        List<NodeAnswer> answers = new ArrayList<>();
        for (NodeReply r : replies(exchange)) {
            answers.add(
                    r.message() instanceof ReleasedTable table
                            ? NodeReplies.answer(r, table)
                            : NodeAnswer.failed(r.nodeId(), r.country(), r.status(), r.reason(), r.budget()));
        }
        return answer(answers, exchange.getProperty(ASKED_AT, Instant.class));
    }

    public RegionalCatalogue catalogue(Exchange exchange) {
        return new RegionalCatalogue(replies(exchange), exchange.getProperty(ASKED_AT, Instant.class), clock.instant());
    }

    /** The regional combination of node answers (from a fan-out, or from stored catalogue releases). */
    public RegionalAnswer answer(List<NodeAnswer> answers, Instant askedAt) {
        var lookup = combiner.combined(properties.region().code(), answers);
        return new RegionalAnswer(answers, lookup, provenance(lookup.table(), askedAt));
    }

    private Provenance provenance(RegionalTable table, Instant askedAt) {
        List<NodeReport> nodes = table.nodes();
        int answered = (int) nodes.stream().filter(NodeReport::ok).count();
        return new Provenance(
                properties.region().code(),
                properties.region().name(),
                properties.minContributingNodes(),
                askedAt,
                clock.instant(),
                nodes.size(),
                answered,
                table.partial(),
                nodes);
    }
}

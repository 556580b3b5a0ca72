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

/**
 * The last step of the fan-out: one answer per configured node (a node that did not answer in time is reported
 * as {@code timeout}, never left out), then the regional combination and its provenance.
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

    public RegionalAnswer assemble(Exchange exchange) {
        Map<String, NodeAnswer> byNode = new HashMap<>();
        if (exchange.getMessage().getBody() instanceof List<?> collected) {
            for (Object o : collected) {
                if (o instanceof NodeAnswer a) {
                    byNode.put(a.nodeId(), a);
                }
            }
        }
        List<NodeAnswer> answers = new ArrayList<>();
        for (var node : registry.nodes()) {
            answers.add(byNode.getOrDefault(
                    node.id(),
                    NodeAnswer.failed(node.id(), node.country(), NodeStatus.TIMEOUT, "no answer within the timeout")));
        }
        RegionalTable table = combiner.combine(answers);
        Instant askedAt = exchange.getProperty(ASKED_AT, Instant.class);
        return new RegionalAnswer(answers, table, provenance(table, askedAt));
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

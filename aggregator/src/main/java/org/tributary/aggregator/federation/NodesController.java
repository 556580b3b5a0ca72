package org.tributary.aggregator.federation;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tributary.aggregator.nodes.NodeRegistry;

/** The node registry as the region sees it. */
@RestController
@RequestMapping("/api/regional/nodes")
class NodesController {

    private final NodeRegistry registry;
    private final CircuitBreakers breakers;

    NodesController(NodeRegistry registry, CircuitBreakers breakers) {
        this.registry = registry;
        this.breakers = breakers;
    }

    record NodeView(
            String id,
            String country,
            String baseUrl,
            String health,
            java.time.Instant lastChecked,
            java.time.Instant lastSeen,
            String problem,
            String remoteNodeId,
            String name,
            Long policyVersion,
            String mode,
            Boolean releasesEnabled,
            String schemaVersion,
            Integer catalogueDimensions,
            String circuit) {}

    @GetMapping
    List<NodeView> nodes() {
        return registry.states().stream()
                .map(s -> new NodeView(
                        s.id(),
                        s.country(),
                        s.baseUrl(),
                        s.health(),
                        s.lastChecked(),
                        s.lastSeen(),
                        s.problem(),
                        s.remoteNodeId(),
                        s.name(),
                        s.policyVersion(),
                        s.mode(),
                        s.releasesEnabled(),
                        s.schemaVersion(),
                        s.catalogue() == null
                                ? null
                                : s.catalogue().dimensions().size(),
                        breakers.state(s.id())))
                .toList();
    }
}

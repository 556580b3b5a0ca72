package org.tributary.aggregator.federation;

import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;
import org.tributary.common.federation.CountQueryRequest;

/** Puts the region's questions to every node through the fan-out routes. */
@Service
public class RegionalQueries {

    private final ProducerTemplate camel;

    RegionalQueries(ProducerTemplate camel) {
        this.camel = camel;
    }

    /** An ad-hoc count query for the analyst whose bearer token is given (the nodes verify it). */
    public RegionalAnswer ask(CountQueryRequest query, String requesterToken) {
        var done = camel.send(FederationRoutes.REGIONAL_QUERY, e -> {
            e.getMessage().setBody(query);
            e.setProperty(FederationRoutes.REQUESTER, requesterToken);
        });
        if (done.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        return done.getMessage().getBody(RegionalAnswer.class);
    }

    /** Every node's catalogue release of its current period. */
    public RegionalCatalogue catalogue() {
        return camel.requestBody(FederationRoutes.REGIONAL_CATALOGUE, null, RegionalCatalogue.class);
    }

    /**
     * One call to one node on its own route (breaker, bulkhead, bounded call), for the witness: its checkpoint, or a
     * proof between two of its heads.
     */
    public NodeReply ask(String nodeId, NodeCall call, String query, java.time.Instant now) {
        var done = camel.send(FederationRoutes.callEndpoint(nodeId), e -> {
            e.setProperty(RegionalAssembler.ASKED_AT, now);
            e.setProperty(NodeCall.PROPERTY, call);
            e.setProperty(FederationRoutes.CALL_METHOD, call.method());
            e.setProperty(FederationRoutes.CALL_PATH, call.path());
            e.setProperty(FederationRoutes.CALL_QUERY, query);
        });
        if (done.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        return done.getMessage().getBody(NodeReply.class);
    }

    /** The analyst's remaining budget on every node. */
    @SuppressWarnings("unchecked")
    public List<NodeReply> budgets(String requesterToken) {
        var done = camel.send(
                FederationRoutes.REGIONAL_BUDGET, e -> e.setProperty(FederationRoutes.REQUESTER, requesterToken));
        if (done.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        return (List<NodeReply>) done.getMessage().getBody(List.class);
    }
}

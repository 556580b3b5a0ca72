package org.tributary.aggregator.nodes;

import java.time.Instant;

/**
 * What the aggregator last learnt about a node from its capabilities and catalogue.
 *
 * @param health {@code up} when the last probe answered, {@code down} when it failed, {@code unknown} before any
 * @param problem a fixed sentence on why the last probe failed (never an exception message)
 * @param mode how the node protects its catalogue releases
 * @param adHocMode how it answers ad-hoc queries (only {@code DIFFERENTIAL_PRIVACY} answers them)
 * @param releasePeriod the node's current release period
 */
public record NodeState(
        String id,
        String country,
        String baseUrl,
        String health,
        Instant lastChecked,
        Instant lastSeen,
        String problem,
        String remoteNodeId,
        String name,
        Long policyVersion,
        String mode,
        String adHocMode,
        String releasePeriod,
        Boolean releasesEnabled,
        String schemaVersion,
        NodeCatalogue catalogue) {

    static NodeState unknown(String id, String country, String baseUrl) {
        return new NodeState(
                id, country, baseUrl, "unknown", null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    NodeState up(
            Instant at,
            String remoteNodeId,
            String name,
            long policyVersion,
            String mode,
            String adHocMode,
            String releasePeriod,
            boolean releasesEnabled,
            String schemaVersion) {
        return new NodeState(
                id,
                country,
                baseUrl,
                "up",
                at,
                at,
                null,
                remoteNodeId,
                name,
                policyVersion,
                mode,
                adHocMode,
                releasePeriod,
                releasesEnabled,
                schemaVersion,
                catalogue);
    }

    NodeState withCatalogue(NodeCatalogue catalogue) {
        return new NodeState(
                id,
                country,
                baseUrl,
                health,
                lastChecked,
                lastSeen,
                problem,
                remoteNodeId,
                name,
                policyVersion,
                mode,
                adHocMode,
                releasePeriod,
                releasesEnabled,
                schemaVersion,
                catalogue);
    }

    NodeState down(Instant at, String problem) {
        return new NodeState(
                id,
                country,
                baseUrl,
                "down",
                at,
                lastSeen,
                problem,
                remoteNodeId,
                name,
                policyVersion,
                mode,
                adHocMode,
                releasePeriod,
                releasesEnabled,
                schemaVersion,
                catalogue);
    }
}

package org.tributary.node.release;

import java.time.Clock;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tributary.common.disclosure.DisclosureEngine;
import org.tributary.node.audit.AuditProperties;
import org.tributary.node.audit.NodeSigner;
import org.tributary.node.config.NodeProperties;
import org.tributary.node.policy.PolicyService;

@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
class ReleaseConfiguration {

    @Bean
    DisclosureEngine disclosureEngine(ReleaseProperties release, NodeProperties node, Clock clock) {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(release.secret().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TRIBUTARY_NODE_RELEASE_SECRET is not valid base64");
        }
        return new DisclosureEngine(secret, nodeId(release, node), clock);
    }

    /** The node's signing identity: refuses to start without a key outside the local (demo) profile. */
    @Bean
    NodeSigner nodeSigner(AuditProperties audit, ReleaseProperties release, NodeProperties node) {
        return NodeSigner.load(audit, nodeId(release, node));
    }

    /** Fresh randomness from the JDK's DRBG for every differentially private answer. */
    @Bean
    AdHocQueries.NoiseSource noiseSource() {
        return org.tributary.common.disclosure.RandomWords::secure;
    }

    @Bean
    PolicyService.DimensionCatalogue dimensionCatalogue() {
        return id -> Dimension.byId(id).isPresent();
    }

    static String nodeId(ReleaseProperties release, NodeProperties node) {
        return release.nodeId() == null || release.nodeId().isBlank()
                ? "node-" + node.country().toLowerCase(java.util.Locale.ROOT)
                : release.nodeId();
    }
}

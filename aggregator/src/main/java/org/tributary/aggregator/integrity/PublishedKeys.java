package org.tributary.aggregator.integrity;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.aggregator.verification.ReleaseVerifier;
import org.tributary.common.integrity.PublicKeys;

/** The public keys a reader needs to verify a release: the aggregator's and every node's. */
@Component
public class PublishedKeys {

    private final AggregatorSigner signer;
    private final NodeRegistry registry;

    PublishedKeys(AggregatorSigner signer, NodeRegistry registry) {
        this.signer = signer;
        this.registry = registry;
    }

    /** As {@code GET /api/regional/keys} answers, and as the verifier reads a keys file. */
    public Map<String, Object> published() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> own = new LinkedHashMap<>();
        own.put("keyId", signer.key().keyId());
        own.put("publicKey", signer.key().publicKey());
        out.put("aggregator", own);
        List<Object> nodes = new ArrayList<>();
        for (var node : registry.nodes()) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", node.id());
            n.put("country", node.country());
            n.put("source", registry.keySource(node.id()));
            registry.publicKey(node.id()).ifPresent(k -> {
                n.put("keyId", PublicKeys.keyId(k));
                n.put("publicKey", java.util.Base64.getEncoder().encodeToString(k.getEncoded()));
            });
            nodes.add(n);
        }
        out.put("nodes", nodes);
        return out;
    }

    public ReleaseVerifier.TrustedKeys trusted() {
        Map<String, PublicKey> nodes = new LinkedHashMap<>();
        for (var node : registry.nodes()) {
            registry.publicKey(node.id()).ifPresent(k -> nodes.put(node.id(), k));
        }
        return new ReleaseVerifier.TrustedKeys(
                Map.of(signer.key().keyId(), signer.key().publicKeyObject()), nodes);
    }
}

package org.tributary.node.audit;

import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.common.integrity.SigningKey;

/** The node's identity as a signer: its id and its Ed25519 key (never logged; its public half is published). */
public final class NodeSigner {

    private static final Logger log = LoggerFactory.getLogger(NodeSigner.class);

    private final String nodeId;
    private final SigningKey key;

    public NodeSigner(String nodeId, SigningKey key) {
        this.nodeId = nodeId;
        this.key = key;
    }

    /**
     * The configured key: the key itself, else its file, else — in the local profile only — the DEMO key. Without
     * any the node does not start: it would release answers nobody could hold it to.
     */
    public static NodeSigner load(AuditProperties properties, String nodeId) {
        SigningKey key = SigningKey.configured(
                properties.signingKey(),
                properties.signingKeyFile(),
                properties.demoKey(),
                nodeId,
                "TRIBUTARY_NODE_SIGNING_KEY");
        if (key.isDemo()) {
            log.warn(
                    "Signing with the DEMO key of {} ({}): anyone can derive it. Local federation only.",
                    nodeId,
                    key.keyId());
        }
        log.info("Node {} signs its receipts and checkpoints with {}", nodeId, key.keyId());
        return new NodeSigner(nodeId, key);
    }

    public String nodeId() {
        return nodeId;
    }

    public SigningKey key() {
        return key;
    }

    public String publicKey() {
        return key.publicKey();
    }

    public PublicKey publicKeyObject() {
        return key.publicKeyObject();
    }

    @Override
    public String toString() {
        return "NodeSigner[" + nodeId + ", " + key.keyId() + "]";
    }
}

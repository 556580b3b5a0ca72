package org.tributary.node.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        SigningKey key;
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            key = SigningKey.fromPkcs8(properties.signingKey());
        } else if (properties.signingKeyFile() != null
                && !properties.signingKeyFile().toString().isEmpty()) {
            try {
                key = SigningKey.fromPkcs8(Files.readString(properties.signingKeyFile(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "the signing key file cannot be read (TRIBUTARY_NODE_SIGNING_KEY_FILE)");
            }
        } else if (properties.demoKey()) {
            key = SigningKey.demo(nodeId);
            log.warn(
                    "Signing with the DEMO key of {} ({}): anyone can derive it. Local federation only.",
                    nodeId,
                    key.keyId());
        } else {
            throw new IllegalStateException("No signing key: set TRIBUTARY_NODE_SIGNING_KEY_FILE to a PKCS#8 Ed25519"
                    + " key (openssl genpkey -algorithm ed25519 -out node-signing.pem), or TRIBUTARY_NODE_SIGNING_KEY"
                    + " to its PEM");
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

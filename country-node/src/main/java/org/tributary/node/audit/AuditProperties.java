package org.tributary.node.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the node signs what it releases.
 *
 * @param signingKey the node's Ed25519 key, PKCS#8 (PEM or its base64 body), from {@code TRIBUTARY_NODE_SIGNING_KEY}
 * @param signingKeyFile or a file holding it (a mounted secret), from {@code TRIBUTARY_NODE_SIGNING_KEY_FILE}
 * @param demoKey sign with a DEMO key derived from the node's id, which anyone can derive: the local profile only
 * @param checkpointInterval how often the chain's head is signed and kept as a checkpoint (when it moved)
 */
@ConfigurationProperties("tributary.audit")
public record AuditProperties(
        String signingKey,
        Path signingKeyFile,
        boolean demoKey,
        @DefaultValue("5m") Duration checkpointInterval) {

    @Override
    public String toString() {
        return "AuditProperties[signingKey=" + (signingKey == null || signingKey.isBlank() ? "<none>" : "<hidden>")
                + ", signingKeyFile=" + signingKeyFile + ", demoKey=" + demoKey + ", checkpointInterval="
                + checkpointInterval + "]";
    }
}

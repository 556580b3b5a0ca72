package org.tributary.aggregator.integrity;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the aggregator signs its regional releases and keeps the nodes to their audit chains.
 *
 * @param signingKey the aggregator's Ed25519 key, PKCS#8 PEM, from {@code TRIBUTARY_AGGREGATOR_SIGNING_KEY}
 * @param signingKeyFile or a file holding it, from {@code TRIBUTARY_AGGREGATOR_SIGNING_KEY_FILE}
 * @param demoKey sign with the DEMO key anyone can derive: the local profile only
 * @param witnessPeriod how often each node's chain is checked against its new checkpoint
 */
@ConfigurationProperties("tributary.aggregator.integrity")
public record IntegrityProperties(
        String signingKey,
        Path signingKeyFile,
        boolean demoKey,
        @DefaultValue("60s") Duration witnessPeriod) {

    @Override
    public String toString() {
        return "IntegrityProperties[signingKey=" + (signingKey == null || signingKey.isBlank() ? "<none>" : "<hidden>")
                + ", signingKeyFile=" + signingKeyFile + ", demoKey=" + demoKey + ", witnessPeriod=" + witnessPeriod
                + "]";
    }
}

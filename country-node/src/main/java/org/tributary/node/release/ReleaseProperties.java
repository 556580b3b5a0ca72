package org.tributary.node.release;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param secret base64 of at least 16 random bytes, from {@code TRIBUTARY_NODE_RELEASE_SECRET}: keys the random
 *     rounding, so nobody without it can predict how a cell rounds. Only the local profile has a (demo) default.
 * @param nodeId how released tables name this node; defaults to {@code node-<country>}
 */
@Validated
@ConfigurationProperties("tributary.release")
record ReleaseProperties(
        @NotBlank(message = "set TRIBUTARY_NODE_RELEASE_SECRET (base64 of 32 random bytes)")
        String secret,

        String nodeId) {

    @Override
    public String toString() {
        return "ReleaseProperties[secret=<hidden>, nodeId=" + nodeId + "]";
    }
}

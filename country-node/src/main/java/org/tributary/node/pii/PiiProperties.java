package org.tributary.node.pii;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param key base64 of a 256-bit AES key, from {@code TRIBUTARY_NODE_PII_KEY}; only the local profile has a
 *     (public, demo) default
 */
@Validated
@ConfigurationProperties("tributary.pii")
public record PiiProperties(
        @NotBlank(message = "set TRIBUTARY_NODE_PII_KEY (base64 of 32 random bytes)")
        String key) {

    @Override
    public String toString() {
        return "PiiProperties[key=<hidden>]";
    }
}

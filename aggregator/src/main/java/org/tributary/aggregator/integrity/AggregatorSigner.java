package org.tributary.aggregator.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tributary.common.integrity.SigningKey;

/** The aggregator's Ed25519 key: it signs every stored regional release. Never logged; its public half is published. */
public final class AggregatorSigner {

    private static final Logger log = LoggerFactory.getLogger(AggregatorSigner.class);

    private final SigningKey key;

    public AggregatorSigner(SigningKey key) {
        this.key = key;
    }

    /** The configured key, else its file, else — local profile only — the DEMO key; else the aggregator does not start. */
    public static AggregatorSigner load(IntegrityProperties properties, String regionCode) {
        SigningKey key;
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            key = SigningKey.fromPkcs8(properties.signingKey());
        } else if (properties.signingKeyFile() != null
                && !properties.signingKeyFile().toString().isEmpty()) {
            try {
                key = SigningKey.fromPkcs8(Files.readString(properties.signingKeyFile(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "the signing key file cannot be read (TRIBUTARY_AGGREGATOR_SIGNING_KEY_FILE)");
            }
        } else if (properties.demoKey()) {
            key = SigningKey.demo("aggregator " + regionCode);
            log.warn(
                    "Signing releases with the DEMO key ({}): anyone can derive it. Local federation only.",
                    key.keyId());
        } else {
            throw new IllegalStateException("No signing key: set TRIBUTARY_AGGREGATOR_SIGNING_KEY_FILE to a PKCS#8"
                    + " Ed25519 key (openssl genpkey -algorithm ed25519 -out aggregator-signing.pem), or"
                    + " TRIBUTARY_AGGREGATOR_SIGNING_KEY to its PEM");
        }
        log.info("Regional releases are signed with {}", key.keyId());
        return new AggregatorSigner(key);
    }

    public SigningKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "AggregatorSigner[" + key.keyId() + "]";
    }
}

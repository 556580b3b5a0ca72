package org.tributary.aggregator.integrity;

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
        SigningKey key = SigningKey.configured(
                properties.signingKey(),
                properties.signingKeyFile(),
                properties.demoKey(),
                "aggregator " + regionCode,
                "TRIBUTARY_AGGREGATOR_SIGNING_KEY");
        if (key.isDemo()) {
            log.warn(
                    "Signing releases with the DEMO key ({}): anyone can derive it. Local federation only.",
                    key.keyId());
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

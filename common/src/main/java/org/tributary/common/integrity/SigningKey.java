package org.tributary.common.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 signing key: a node's (for its receipts and checkpoints) or the aggregator's (for regional releases).
 * Read from a PKCS#8 key as {@code openssl genpkey -algorithm ed25519} writes it (PEM, or its base64 body); the
 * public key is derived from it. {@link #toString()} never shows the key.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String publicKeyBase64;
    private final String keyId;
    private final boolean demo;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey, boolean demo) {
        this.demo = demo;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyBase64 = Base64.getEncoder().encodeToString(publicKey.getEncoded());
        this.keyId = PublicKeys.keyId(publicKey);
    }

    /** A PKCS#8 Ed25519 private key, as PEM or the base64 of its DER; an error that never quotes the key. */
    public static SigningKey fromPkcs8(String pemOrBase64) {
        String body =
                pemOrBase64.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signing key is not base64 (PKCS#8 PEM expected)");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ((EdECPrivateKey) key)
                    .getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("the signing key has no Ed25519 seed"));
            return fromSeed(seed);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the signing key is no PKCS#8 Ed25519 private key");
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** The key of a 32-byte Ed25519 seed (RFC 8032 private key). */
    public static SigningKey fromSeed(byte[] seed) {
        return fromSeed(seed, false);
    }

    private static SigningKey fromSeed(byte[] seed, boolean demo) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        try {
            // The JDK derives the public key only while generating: a generator fed exactly this seed.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic(), demo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /**
     * A DEMO key derived from a public name: for the local federation and tests only, where anyone may sign as
     * the node. Deployments read a real key ({@link #fromPkcs8}).
     */
    public static SigningKey demo(String name) {
        return fromSeed(
                java.util.HexFormat.of()
                        .parseHex(Digests.sha256(
                                ("tributary DEMO signing key, public: " + name).getBytes(StandardCharsets.UTF_8))),
                true);
    }

    /** True for a {@link #demo} key, which anyone can derive. */
    public boolean isDemo() {
        return demo;
    }

    /**
     * A service's configured key: the key itself (PEM or its base64 body), else the file holding it, else — where
     * {@code demoAllowed} (the local federation only) — the DEMO key of {@code demoName}. Without any, an error that
     * names the environment variable ({@code variable} and {@code variable_FILE}) and how to make a key; no error
     * ever quotes a key.
     */
    public static SigningKey configured(
            String key, java.nio.file.Path file, boolean demoAllowed, String demoName, String variable) {
        if (key != null && !key.isBlank()) {
            return fromPkcs8(key);
        }
        if (file != null && !file.toString().isEmpty()) {
            try {
                return fromPkcs8(java.nio.file.Files.readString(file, StandardCharsets.US_ASCII));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the signing key file cannot be read (" + variable + "_FILE)");
            }
        }
        if (demoAllowed) {
            return demo(demoName);
        }
        throw new IllegalStateException("No signing key: set " + variable + "_FILE to a PKCS#8 Ed25519 key (openssl"
                + " genpkey -algorithm ed25519 -out signing.pem), or " + variable + " to its PEM");
    }

    /** A fresh random key. */
    public static SigningKey generate() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return fromSeed(seed);
    }

    /** The Ed25519 signature of the bytes, base64url without padding. */
    public String sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The signature of a JSON value's canonical form. */
    public String signCanonical(Object json) {
        return sign(CanonicalJson.bytes(json));
    }

    /** The public key as base64 of its X.509 SubjectPublicKeyInfo (what {@code openssl pkey -pubout} holds). */
    public String publicKey() {
        return publicKeyBase64;
    }

    public PublicKey publicKeyObject() {
        return publicKey;
    }

    /** Names the public key: {@code ed25519:} and the first 16 hex digits of its SHA-256. */
    public String keyId() {
        return keyId;
    }

    /** The private key as PKCS#8 PEM: for writing a generated key to its file, never for logs. */
    public String toPkcs8Pem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + ", private part hidden]";
    }

    /** Hands the generator the seed it is to use, and nothing else. */
    private static final class FixedSeed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;
        private boolean used;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (used || bytes.length != seed.length) {
                throw new IllegalStateException("the seed is for one Ed25519 key");
            }
            used = true;
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}

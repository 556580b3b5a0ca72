package org.tributary.node.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts personal identifiers at rest with AES-256-GCM. The blob is {@code version(1) || iv(12) ||
 * ciphertext+tag}; the case's external reference is bound in as associated data, so a blob copied onto another
 * case does not decrypt. Errors never carry plaintext.
 */
@Component
public class PiiCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecretKey pseudonymKey;
    private final SecureRandom random = new SecureRandom();
    /** A Cipher per thread: looking one up in the provider list costs more than the encryption itself. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(PiiCipher::newCipher);

    public PiiCipher(PiiProperties properties) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(properties.key().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TRIBUTARY_NODE_PII_KEY is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("TRIBUTARY_NODE_PII_KEY must be 32 bytes (AES-256), base64-encoded");
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.pseudonymKey = new SecretKeySpec(raw, "HmacSHA256");
    }

    /**
     * A keyed, stable pseudonym of {@code text}: the same text gives the same pseudonym on this node, and nobody
     * without the key can compute or reverse it.
     */
    public String pseudonym(String text) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            byte[] digest = mac.doFinal(("pseudonym:" + text).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC unavailable", e);
        }
    }

    public byte[] encrypt(byte[] plaintext, String boundTo) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
                    .put(VERSION)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    public byte[] decrypt(byte[] blob, String boundTo) {
        if (blob.length < 1 + IV_BYTES || blob[0] != VERSION) {
            throw new IllegalStateException("unknown personal-data blob version");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 1, IV_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(blob, 1 + IV_BYTES, blob.length - 1 - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data cannot be decrypted with the configured key");
        }
    }
}

package org.tributary.common.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, over bytes, text (UTF-8) or a JSON value's canonical form. */
public final class Digests {

    private Digests() {}

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the value's RFC 8785 form. */
    public static String canonical(Object json) {
        return sha256(CanonicalJson.bytes(json));
    }

    /** True for 64 lower-case hex digits. */
    public static boolean isSha256(Object value) {
        return value instanceof String s
                && s.length() == 64
                && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}

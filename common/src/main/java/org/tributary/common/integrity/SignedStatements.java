package org.tributary.common.integrity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** How signed statements (receipts, checkpoints) travel in a header: base64url of their canonical JSON. */
public final class SignedStatements {

    private SignedStatements() {}

    public static String encode(Map<String, ?> statement) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(CanonicalJson.bytes(statement));
    }

    /** The JSON text of an encoded statement; an error for anything else. */
    public static String decode(String encoded) {
        if (encoded == null || encoded.length() > 4096) {
            throw new IllegalArgumentException("no statement, or one too long");
        }
        try {
            return new String(Base64.getUrlDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the statement is not base64url");
        }
    }

    static String string(Map<String, ?> map, String key, boolean required) {
        Object v = map.get(key);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("the statement has no " + key);
            }
            return null;
        }
        if (!(v instanceof String s) || s.length() > 512) {
            throw new IllegalArgumentException(key + " is not a short string");
        }
        return s;
    }

    static long number(Map<String, ?> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
            throw new IllegalArgumentException(key + " is not a whole number");
        }
        return n.longValue();
    }

    static String hash(Map<String, ?> map, String key, boolean required) {
        String s = string(map, key, required);
        if (s != null && !Digests.isSha256(s)) {
            throw new IllegalArgumentException(key + " is not a SHA-256");
        }
        return s;
    }
}

package org.tributary.common.disclosure;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Consistent unbiased random rounding. A count {@code n} is rounded to the multiple of {@code b} below or above
 * it, up with probability {@code (n mod b) / b}, so that the expected released value is {@code n}. The random
 * draw is a keyed hash (HMAC-SHA256 with the node's secret) of the cell key, so the same persons always give the
 * same released value, whatever query produced the cell, and asking again never reveals more.
 */
public final class ConsistentRounding {

    private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public ConsistentRounding(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the rounding secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The uniform draw in [0, 1) for a cell key; a function of the key and the secret only. */
    double draw(long cellKey) {
        Mac mac = macs.get();
        byte[] digest = mac.doFinal(ByteBuffer.allocate(4).putInt((int) cellKey).array());
        long bits = ByteBuffer.wrap(digest, 0, 8).getLong() >>> 11;
        return bits * TWO_TO_MINUS_53;
    }

    /** {@code n} rounded to base {@code b}, consistently for the cell key. Zero stays zero. */
    public long round(long n, long cellKey, int base) {
        if (n < 0) {
            throw new IllegalArgumentException("counts are not negative");
        }
        long remainder = n % base;
        if (n == 0 || remainder == 0) {
            return n;
        }
        long down = n - remainder;
        return draw(cellKey) < (double) remainder / base ? down + base : down;
    }

    /**
     * The first 16 bytes of HMAC-SHA256(secret, a fixed label), hex: tells whether two releases used the same
     * secret, and nothing about the secret itself.
     */
    public String fingerprint() {
        byte[] digest = macs.get()
                .doFinal("tributary:release-secret-fingerprint".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest, 0, 16);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}

package org.tributary.node.cases;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Case ids are UUID version 7 (RFC 9562): a millisecond timestamp followed by random bits. New ids land at the
 * end of the primary-key index instead of at random pages, which keeps bulk imports fast on large nodes.
 */
final class CaseIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CaseIds() {}

    static UUID next() {
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}

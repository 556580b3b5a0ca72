package org.tributary.common.disclosure;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A source of uniformly random 64-bit words: the only randomness the noise sampler uses. Production draws from
 * {@link SecureRandom}; tests pass a seeded source so that distribution tests are deterministic and cannot flake.
 */
@FunctionalInterface
public interface RandomWords {

    long nextLong();

    /**
     * Words from a {@link SecureRandom} (the JDK's NIST SP 800-90A DRBG where available), read in blocks so that a
     * draw costs the same whatever it yields. Not thread-safe: one per release.
     */
    static RandomWords secure() {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            random = new SecureRandom();
        }
        return secure(random);
    }

    static RandomWords secure(SecureRandom random) {
        return new RandomWords() {
            private final byte[] block = new byte[4096];
            private int next = block.length;

            @Override
            public long nextLong() {
                if (next == block.length) {
                    random.nextBytes(block);
                    next = 0;
                }
                long word = 0;
                for (int i = 0; i < 8; i++) {
                    word = (word << 8) | (block[next++] & 0xFF);
                }
                return word;
            }
        };
    }
}

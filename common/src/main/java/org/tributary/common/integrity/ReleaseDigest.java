package org.tributary.common.integrity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The digest of exactly what a node released: SHA-256 of the answer's canonical JSON, without its {@code spend}
 * (what the asking person has left, which is about them, not about the cells). The node computes it over the answer
 * it sends; the receiver over the answer it parsed. A catalogue release has no spend: its whole body counts.
 */
public final class ReleaseDigest {

    private ReleaseDigest() {}

    public static String of(Object answer) {
        if (answer instanceof Map<?, ?> map && map.containsKey("spend")) {
            Map<Object, Object> cells = new LinkedHashMap<>(map);
            cells.remove("spend");
            return Digests.canonical(cells);
        }
        return Digests.canonical(answer);
    }
}

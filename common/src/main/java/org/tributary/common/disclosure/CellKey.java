package org.tributary.common.disclosure;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a released cell counts, whatever table it appears in: the persons whose code on each named dimension is one
 * of the given codes (a table's filters plus the cell's own coordinates; a total names no code). Two cells with the
 * same key count the same persons and must be released alike; a key with one more restriction counts a subset.
 */
public record CellKey(SortedMap<String, SortedSet<String>> parts) implements Comparable<CellKey> {

    public CellKey {
        SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
        parts.forEach((d, codes) -> copy.put(d, Collections.unmodifiableSortedSet(new TreeSet<>(codes))));
        parts = Collections.unmodifiableSortedMap(copy);
    }

    /** The key of a cell: the filters, and each coordinate that is not a total ({@code null}). */
    public static CellKey of(
            Map<String, Set<String>> filters, java.util.List<String> dimensions, java.util.List<String> coordinates) {
        SortedMap<String, SortedSet<String>> parts = new TreeMap<>();
        filters.forEach((d, codes) -> parts.put(d, new TreeSet<>(codes)));
        for (int i = 0; i < dimensions.size(); i++) {
            String code = coordinates.get(i);
            if (code != null) {
                if (parts.containsKey(dimensions.get(i))) {
                    // A coordinate within its dimension's filter: the coordinate alone says who is counted.
                    parts.get(dimensions.get(i)).retainAll(Set.of(code));
                } else {
                    parts.put(dimensions.get(i), new TreeSet<>(Set.of(code)));
                }
            }
        }
        return new CellKey(parts);
    }

    /** This key without the restriction on {@code dimension}. */
    public CellKey without(String dimension) {
        SortedMap<String, SortedSet<String>> parts = new TreeMap<>(this.parts);
        parts.remove(dimension);
        return new CellKey(parts);
    }

    @Override
    public int compareTo(CellKey other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}

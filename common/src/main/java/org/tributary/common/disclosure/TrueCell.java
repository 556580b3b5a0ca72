package org.tributary.common.disclosure;

import java.util.List;

/**
 * A cell as counted on the node, before protection. Never leaves the node.
 *
 * @param coordinates one code per dimension of the table; {@code null} where the cell is a margin over that
 *     dimension (the grand total has only nulls)
 * @param count {@code n}, the number of distinct persons in the cell
 * @param keySum the sum of the persons' record keys (any width; only its value mod 2^32 is used)
 */
public record TrueCell(List<String> coordinates, long count, long keySum) {

    public TrueCell {
        coordinates = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(coordinates));
    }

    /** The cell key: the persons' record keys summed mod 2^32. Same persons, same key, whatever the query. */
    public long cellKey() {
        return keySum & 0xFFFF_FFFFL;
    }

    /** True for an interior cell (a code on every dimension), false for a margin. */
    public boolean isInterior() {
        return !coordinates.contains(null);
    }
}

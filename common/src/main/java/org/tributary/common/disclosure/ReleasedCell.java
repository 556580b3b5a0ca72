package org.tributary.common.disclosure;

import java.util.List;

/**
 * A cell as released: a protected value, or suppressed (no number). Never the true count, never a cell key.
 *
 * @param coordinates as in {@link TrueCell}: {@code null} for a margin over that dimension
 */
public record ReleasedCell(List<String> coordinates, Long value, boolean suppressed) {

    public ReleasedCell {
        coordinates = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(coordinates));
        if (suppressed == (value != null)) {
            throw new IllegalArgumentException("a cell is either suppressed or has a value");
        }
    }

    static ReleasedCell value(List<String> coordinates, long value) {
        return new ReleasedCell(coordinates, value, false);
    }

    static ReleasedCell suppressed(List<String> coordinates) {
        return new ReleasedCell(coordinates, null, true);
    }
}

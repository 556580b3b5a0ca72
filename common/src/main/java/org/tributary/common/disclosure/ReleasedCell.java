package org.tributary.common.disclosure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A cell as released: a protected value with how it was protected, or suppressed (no number). Never the true
 * count, never a cell key.
 *
 * @param coordinates as in {@link TrueCell}: {@code null} for a margin over that dimension
 * @param standardError for a {@link CellStatus#NOISY} value: the standard deviation of its noise (persons)
 */
public record ReleasedCell(List<String> coordinates, Long value, CellStatus status, BigDecimal standardError) {

    public ReleasedCell {
        coordinates = Collections.unmodifiableList(new ArrayList<>(coordinates));
        if ((status == CellStatus.SUPPRESSED) == (value != null)) {
            throw new IllegalArgumentException("a cell is either suppressed or has a value");
        }
        if ((status == CellStatus.NOISY) != (standardError != null)) {
            throw new IllegalArgumentException("a noisy value, and only a noisy value, has a standard error");
        }
    }

    /** A value released exactly, or suppressed. */
    public ReleasedCell(List<String> coordinates, Long value, boolean suppressed) {
        this(coordinates, value, suppressed ? CellStatus.SUPPRESSED : CellStatus.EXACT, null);
    }

    public boolean suppressed() {
        return status == CellStatus.SUPPRESSED;
    }

    static ReleasedCell value(List<String> coordinates, long value, CellStatus status) {
        return new ReleasedCell(coordinates, value, status, null);
    }

    static ReleasedCell suppressed(List<String> coordinates) {
        return new ReleasedCell(coordinates, null, CellStatus.SUPPRESSED, null);
    }

    static ReleasedCell noisy(List<String> coordinates, long value, BigDecimal standardError) {
        return new ReleasedCell(coordinates, value, CellStatus.NOISY, standardError);
    }
}

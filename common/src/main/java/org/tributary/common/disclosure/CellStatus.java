package org.tributary.common.disclosure;

/** How one released value was protected. Every released number carries one. */
public enum CellStatus {
    /** Randomly rounded to a multiple of the node's base {@code b}: within {@code b − 1} of the true count. */
    ROUNDED,
    /** The true count, released exactly ({@code SUPPRESSION_ONLY} mode, or a zero that rounding keeps). */
    EXACT,
    /** No number: the cell is small, or hidden so that a small cell cannot be derived. */
    SUPPRESSED,
    /** The count plus discrete Gaussian noise, with its standard error. */
    NOISY
}

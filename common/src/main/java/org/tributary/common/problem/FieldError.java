package org.tributary.common.problem;

/**
 * One invalid value in a request or a file. {@code row} is the 1-based data row of an import (0 for a single
 * request); {@code value} is what was sent, shortened, and is left out for personal fields.
 */
public record FieldError(long row, String field, String value, String reason) {

    /** Values in error reports are cut to this many characters, so that a 10 MB cell never travels back. */
    public static final int MAX_VALUE_CHARS = 64;

    public FieldError {
        if (value != null && value.length() > MAX_VALUE_CHARS) {
            value = value.substring(0, MAX_VALUE_CHARS) + "…";
        }
        if (value != null) {
            // Control characters (NUL among them) are shown as U+FFFD: reports must be storable and printable.
            value = value.replaceAll("[\\p{Cntrl}&&[^\\t\\n\\r]]", "\uFFFD");
        }
    }

    public static FieldError of(String field, String value, String reason) {
        return new FieldError(0, field, value, reason);
    }
}

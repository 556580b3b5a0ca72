package org.tributary.common.codes;

/**
 * A closed list of codes. Every constant's name is the code as published by HTCDS 2.0 (or, for the
 * assistance extension, by Tributary), so that HTCDS files import without translation.
 */
public interface CodeList {

    /** The code as written in files and JSON. */
    default String code() {
        return ((Enum<?>) this).name();
    }
}

package org.tributary.common.codes;

/**
 * HTCDS {@code vic_RelationshipToTrafficker}. {@code Unaquainted} is the standard's own spelling and stays the
 * code; the correct spelling {@code Unacquainted} is accepted as an alias on import (see {@link CodeLists}).
 */
public enum RelationshipToTrafficker implements CodeList {
    Familial,
    Acquainted,
    Unaquainted;
}

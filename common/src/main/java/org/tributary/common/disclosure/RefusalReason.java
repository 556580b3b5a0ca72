package org.tributary.common.disclosure;

/** Why a node refused to answer. The HTTP status a service answers with is part of the contract. */
public enum RefusalReason {
    RELEASE_DISABLED(503, "The node's operator has switched releases off."),
    UNKNOWN_DIMENSION(400, "A dimension is not in this node's catalogue."),
    DIMENSION_NOT_ALLOWED(400, "A dimension is not allowed by this node's policy."),
    TOO_MANY_DIMENSIONS(400, "The query has more dimensions than this node's policy allows."),
    FILTER_NOT_ALLOWED(400, "A filter is on a dimension this node's policy does not allow."),
    INVALID_FILTER(400, "A filter names an unknown code, no value, or too many values."),
    DUPLICATE_DIMENSION(400, "A dimension appears twice in the query."),
    INVALID_YEAR_RANGE(400, "The year range is empty or out of bounds."),
    POPULATION_TOO_SMALL(422, "The query selects too few persons to be released."),
    POPULATION_TOO_LARGE(422, "The query selects nearly everyone; its complement would be too small."),
    TABLE_NOT_PROTECTABLE(422, "The table cannot be protected by suppression; use fewer or coarser dimensions.");

    private final int status;
    private final String sentence;

    RefusalReason(int status, String sentence) {
        this.status = status;
        this.sentence = sentence;
    }

    public int status() {
        return status;
    }

    /** A fixed sentence: refusals never carry a count or a person's data. */
    public String sentence() {
        return sentence;
    }
}

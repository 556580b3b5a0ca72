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
    TABLE_NOT_PROTECTABLE(422, "The table cannot be protected by suppression; use fewer or coarser dimensions."),
    AD_HOC_NOT_OFFERED(
            422,
            "This node answers ad-hoc queries only under differential privacy, and its policy does not offer it:"
                    + " read its catalogue release instead."),
    BUDGET_EXHAUSTED(429, "The privacy budget for this period would be exceeded by this query."),
    GRID_TOO_LARGE(
            400,
            "The query's grid (every combination of codes) is larger than this node allows under differential"
                    + " privacy: restrict a dimension with a filter or ask fewer dimensions."),
    REQUESTER_UNVERIFIED(
            403, "The person this query is for could not be verified: their own token must accompany the query.");

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

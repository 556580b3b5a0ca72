package org.tributary.aggregator.regional;

/** What became of the question put to one country node. */
public enum NodeStatus {
    /** The node answered with a protected table. */
    OK("ok"),
    /** The node's policy refused the query; its reason travels with the status. */
    REFUSED("refused"),
    /** No answer within the per-node timeout. */
    TIMEOUT("timeout"),
    /** The node could not be reached, or answered with an error or something that is not a table. */
    UNAVAILABLE("unavailable"),
    /** The node's circuit breaker is open: it was not asked. */
    CIRCUIT_OPEN("circuit-open");

    private final String code;

    NodeStatus(String code) {
        this.code = code;
    }

    /** The status as responses spell it. */
    public String code() {
        return code;
    }
}

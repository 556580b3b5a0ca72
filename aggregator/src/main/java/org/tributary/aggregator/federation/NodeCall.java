package org.tributary.aggregator.federation;

import org.tributary.common.federation.FederationContract;

/** The calls made to a node: the fan-out's three, and the witness's two; and how each is made. */
public enum NodeCall {
    /** An ad-hoc query, for the requester whose token is relayed. */
    COUNT_QUERY("POST", FederationContract.COUNT_QUERIES),
    /** The node's catalogue release of its current period. */
    CATALOGUE_RELEASE("GET", FederationContract.CATALOGUE_RELEASE),
    /** The requester's remaining budget on the node. */
    BUDGET("GET", FederationContract.BUDGET),
    /** The node's audit chain head, signed now. */
    CHECKPOINT("GET", FederationContract.CHECKPOINT),
    /** Content digests of the node's audit entries between two heads. */
    AUDIT_PROOF("GET", FederationContract.AUDIT_PROOF);

    /** Exchange property: which call a fan-out makes. */
    public static final String PROPERTY = "tributaryNodeCall";

    private final String method;
    private final String path;

    NodeCall(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }
}

package org.tributary.common.federation;

/**
 * The node–aggregator contract, version 2: its paths, headers and shared words, in one place for both sides. The
 * records of this package are its messages; a node and an aggregator speak the same version or not at all.
 */
public final class FederationContract {

    /** Carried in every message; a receiver refuses a message of another version. */
    public static final int VERSION = 2;

    public static final String BASE = "/federation/v2";
    public static final String CAPABILITIES = BASE + "/capabilities";
    public static final String CATALOGUE = BASE + "/catalogue";
    /** The node's catalogue release of the current period (computed once, then served to every reader alike). */
    public static final String CATALOGUE_RELEASE = BASE + "/catalogue-release";
    /** Ad-hoc count queries: answered only under differential privacy, against the requester's budget. */
    public static final String COUNT_QUERIES = BASE + "/count-queries";
    /** The requester's and the node's remaining privacy budget for the period. */
    public static final String BUDGET = BASE + "/budget";
    /** The node's audit chain head, signed now ({@code org.tributary.common.integrity.Checkpoint}). */
    public static final String CHECKPOINT = BASE + "/checkpoint";
    /** Content digests of audit entries {@code from+1 .. to}: the consistency proof between two heads. */
    public static final String AUDIT_PROOF = BASE + "/audit-proof";

    /**
     * The person a federation call is for: their own bearer token, relayed by the aggregator beside its service
     * token and verified by the node (signature, issuer, audience, expiry, role), so that a node's audit and budget
     * name the person, not the aggregator.
     */
    public static final String REQUESTER_TOKEN_HEADER = "X-Tributary-Requester-Token";

    /** The code of a total (margin) in a cell's coordinates. */
    public static final String TOTAL = "_T";
    /** The code of "unknown / not recorded". */
    public static final String UNKNOWN = "_U";
    /** Names and codes are short catalogue words; anything else is refused before it reaches a node or a log. */
    public static final String WORD = "[\\p{Alnum}_+<>.\\-]{1,64}";

    public static final int FIRST_YEAR = 1990;
    public static final int LAST_YEAR = 2100;

    /** Problem types a node answers with, as the aggregator reads them. */
    public static final String PROBLEM_PREFIX = "urn:tributary:problem:";

    private FederationContract() {}
}

package org.tributary.node.ingest;

/** Where an import job stands. */
enum ImportStatus {
    QUEUED,
    RUNNING,
    /** Every row was written. */
    SUCCEEDED,
    /** Partial mode: the good rows were written, the bad ones are reported. */
    SUCCEEDED_WITH_ERRORS,
    /** Nothing was written: bad rows in all-or-nothing mode, or a file that cannot be read. */
    REJECTED,
    /** Nothing was written because the node failed (database down, restart during the job). */
    FAILED;

    boolean isFinished() {
        return this != QUEUED && this != RUNNING;
    }
}

package org.tributary.node.ingest;

/** Receives the rows of a file in order, as a reader streams them. */
@FunctionalInterface
interface RowSink {

    void accept(SourceRow row);
}

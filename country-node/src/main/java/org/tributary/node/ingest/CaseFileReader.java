package org.tributary.node.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Streams the cases of one file format into a sink, one row at a time, never the whole file in memory. */
interface CaseFileReader {

    /**
     * Reads {@code file} and hands every data row to {@code sink}. Problems with the file as a whole (not UTF-8,
     * truncated, no header) are thrown as {@link UnreadableFileException}.
     */
    void read(Path file, RowSink sink) throws IOException;

    /** Header columns the last {@link #read} did not recognise, for the job report. */
    default List<String> ignoredColumns() {
        return List.of();
    }

    /** Counts the data rows, cheaply, for job progress. */
    long count(Path file) throws IOException;
}

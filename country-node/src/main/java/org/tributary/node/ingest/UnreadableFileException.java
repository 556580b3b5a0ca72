package org.tributary.node.ingest;

/** The file as a whole cannot be read; the message says why in words for the person who sent it. */
class UnreadableFileException extends RuntimeException {

    UnreadableFileException(String message) {
        super(message, null, false, false);
    }
}

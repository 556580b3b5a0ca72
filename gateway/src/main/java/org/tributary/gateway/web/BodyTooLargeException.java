package org.tributary.gateway.web;

/** A streamed request body went past its limit. Carries no data. */
class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException() {
        super("request body over the limit", null, false, false);
    }
}

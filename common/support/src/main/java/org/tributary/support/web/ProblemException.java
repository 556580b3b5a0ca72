package org.tributary.support.web;

import java.util.List;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;

/**
 * A failure that the client caused or must know about, answered as an RFC 9457 problem. The detail is a
 * sentence for people and must never hold personal data or a true small count.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final transient List<FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

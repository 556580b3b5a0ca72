package org.tributary.node.ingest;

import java.util.List;
import org.tributary.common.problem.FieldError;
import org.tributary.node.cases.CaseRequest;

/**
 * One data row of an import file, read and checked. {@code row} is 1-based over the data rows of the file (for
 * the HTCDS template: row 1 is the sheet's row 3). Exactly one of {@code request} and a non-empty {@code errors}
 * is meaningful: a row with errors is never written.
 */
record SourceRow(long row, CaseRequest request, List<FieldError> errors) {

    boolean isValid() {
        return errors.isEmpty();
    }
}

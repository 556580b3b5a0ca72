package org.tributary.common.federation;

import java.math.BigDecimal;
import java.util.Map;
import org.tributary.common.disclosure.CellStatus;

/**
 * One released cell: a protected value and how it was protected, or suppressed.
 *
 * @param coordinates dimension to code, {@link FederationContract#TOTAL} for a total
 * @param value null when suppressed
 * @param standardError for a noisy value: the standard deviation of its noise, in persons
 */
public record TableCell(Map<String, String> coordinates, Long value, CellStatus status, BigDecimal standardError) {

    public TableCell {
        coordinates = coordinates == null ? Map.of() : Map.copyOf(coordinates);
    }

    public boolean suppressed() {
        return status == CellStatus.SUPPRESSED;
    }
}

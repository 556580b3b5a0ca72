package org.tributary.common.federation;

import java.util.List;

/**
 * A protected table as a node releases it.
 *
 * @param spend for an ad-hoc query: what it cost and what remains; null for catalogue tables
 */
public record ReleasedTable(TableMetadata metadata, List<TableCell> cells, Spend spend) {

    public ReleasedTable {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    /**
     * @param storedAnswer true when the same query was answered before in this period: the stored answer is
     *     returned and nothing is spent
     */
    public record Spend(java.math.BigDecimal rho, boolean storedAnswer, BudgetStatus remaining) {}
}

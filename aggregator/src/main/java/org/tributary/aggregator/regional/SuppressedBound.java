package org.tributary.aggregator.regional;

import java.util.HashMap;
import java.util.Map;

/**
 * An upper bound for a cell that a {@code SUPPRESSION_ONLY} node suppressed, from that node's released values only.
 * Such a node releases exact margins and suppresses secondarily, so a suppressed cell may hold any number of persons;
 * but it can hold no more than a released margin containing it, less the released cells beside it in that margin.
 * The tightest such bound is used. In a multi-response dimension persons may count in several cells, so there only
 * the margin itself bounds the cell.
 */
final class SuppressedBound {

    static final String TOTAL = org.tributary.common.federation.FederationContract.TOTAL;

    private SuppressedBound() {}

    /** The bound, or {@code -1} when no released margin bounds the cell. */
    static long fromReleasedMargins(
            NodeAnswer.Cell cell, Map<Map<String, String>, NodeAnswer.Cell> table, NodeAnswer answer) {
        long best = -1;
        for (var e : cell.coordinates().entrySet()) {
            String dimension = e.getKey();
            if (TOTAL.equals(e.getValue())) {
                continue;
            }
            Map<String, String> marginAt = new HashMap<>(cell.coordinates());
            marginAt.put(dimension, TOTAL);
            NodeAnswer.Cell margin = table.get(marginAt);
            if (margin == null || margin.suppressed()) {
                continue;
            }
            long bound = margin.value();
            if (!answer.multiResponseDimensions().contains(dimension)) {
                for (NodeAnswer.Cell sibling : table.values()) {
                    if (sibling != cell
                            && !sibling.suppressed()
                            && !TOTAL.equals(sibling.coordinates().get(dimension))
                            && sameExcept(sibling.coordinates(), cell.coordinates(), dimension)) {
                        bound -= sibling.value();
                    }
                }
            }
            bound = Math.max(0, bound);
            best = best < 0 ? bound : Math.min(best, bound);
        }
        return best;
    }

    private static boolean sameExcept(Map<String, String> a, Map<String, String> b, String dimension) {
        for (var e : a.entrySet()) {
            if (!e.getKey().equals(dimension) && !e.getValue().equals(b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}

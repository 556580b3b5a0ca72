package org.tributary.aggregator.regional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A regional table: every cell any answering node released, combined, with the status of every node asked.
 *
 * @param partial true when some node asked did not contribute (its status says why)
 */
public record RegionalTable(List<RegionalCell> cells, List<NodeReport> nodes, boolean partial) {

    /**
     * A regional cell. Published cells have bounds: {@code lower == upper} is a sum of released values;
     * otherwise some nodes' cells were suppressed and the figure is the interval {@code [lower, upper]}.
     *
     * @param contributingNodes nodes whose answers this cell is built from
     * @param suppressedNodes how many of them released this cell as suppressed
     * @param unpublishedReason set, with no bounds, when the figure may not be published
     * @param status how the sum's parts were protected (the weakest of them)
     * @param standardError for a sum of noisy values: the square root of the sum of their variances
     */
    public record RegionalCell(
            Map<String, String> coordinates,
            Long lower,
            Long upper,
            int contributingNodes,
            int suppressedNodes,
            String unpublishedReason,
            ObservationStatus status,
            BigDecimal standardError) {

        public RegionalCell(
                Map<String, String> coordinates,
                Long lower,
                Long upper,
                int contributingNodes,
                int suppressedNodes,
                String unpublishedReason) {
            this(coordinates, lower, upper, contributingNodes, suppressedNodes, unpublishedReason, null, null);
        }

        public boolean isInterval() {
            return lower != null && !lower.equals(upper);
        }
    }
}

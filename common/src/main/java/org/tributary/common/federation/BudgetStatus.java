package org.tributary.common.federation;

import java.math.BigDecimal;

/**
 * A node's privacy budget for one period, as the requester may see it: what the requester and all requesters
 * together have spent and may spend (ρ, zCDP), and what one query costs.
 *
 * @param singleResponseQueryCost ρ of a query over single-response dimensions
 * @param multiResponseQueryCost ρ of a query with one multi-response dimension
 * @param queriesLeft single-response queries the requester can still ask (the smaller of their own and the node's
 *     remainder)
 */
public record BudgetStatus(
        int contractVersion,
        String nodeId,
        String period,
        BigDecimal requesterSpent,
        BigDecimal requesterCap,
        BigDecimal globalSpent,
        BigDecimal globalCap,
        BigDecimal singleResponseQueryCost,
        BigDecimal multiResponseQueryCost,
        long queriesLeft) {}

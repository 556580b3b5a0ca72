package org.tributary.common.disclosure;

/**
 * Query-set-size restriction: with {@code n} persons selected by the filters out of {@code total} on the node,
 * answer only if {@code minPopulation <= n <= total - minPopulation}. The upper bound stops "everyone except X".
 * A query that selects everyone ({@code n == total}, no restriction) has an empty complement and is allowed: the
 * contract refuses {@code total - minPopulation + 1 ... total - 1}.
 *
 * <p>The rule is decided on protected numbers (the rounded or noisy {@code n} and {@code total}), never on true
 * ones: a refusal decided on the true count would answer "is {@code n ≥ minPopulation}?" exactly.
 */
public final class PopulationRule {

    private PopulationRule() {}

    public static Decision check(long selected, long total, DisclosurePolicy policy) {
        if (selected < policy.minPopulation()) {
            return Decision.refuse(RefusalReason.POPULATION_TOO_SMALL, "population below the floor");
        }
        if (selected < total && selected > total - policy.minPopulation()) {
            return Decision.refuse(RefusalReason.POPULATION_TOO_LARGE, "complement below the floor");
        }
        return Decision.ALLOWED;
    }
}

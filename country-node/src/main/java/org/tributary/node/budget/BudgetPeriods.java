package org.tributary.node.budget;

/** The current budget period, supplied by the release feature (so this package does not depend on it). */
public interface BudgetPeriods {
    String budgetPeriod();
}

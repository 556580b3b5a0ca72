package org.tributary.common.disclosure;

/**
 * The persons a query selects and all persons of the node, as counted: numbers and record-key sums, so that the
 * population rule can be decided on their rounded values (the same values a table's grand total would show).
 */
public record Population(long selected, long selectedKeySum, long total, long totalKeySum) {}

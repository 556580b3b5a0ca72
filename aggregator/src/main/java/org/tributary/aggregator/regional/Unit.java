package org.tributary.aggregator.regional;

/** What an observation's value measures. */
public enum Unit {
    /** A number of persons (distinct persons per cell, also in multi-response dimensions). */
    PERSONS,
    /** A share between 0 and 1: a protected numerator over a protected denominator. */
    RATIO
}

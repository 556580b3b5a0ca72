package org.tributary.common.disclosure;

import java.time.LocalDate;

/**
 * How long a release period lasts: catalogue releases are computed once per period, and privacy budgets are
 * granted per period. A period is named by its calendar span ({@code 2026-12}, {@code 2026-Q4}, {@code 2026}).
 */
public enum PeriodLength {
    MONTH,
    QUARTER,
    YEAR;

    /** The calendar period a day falls in. */
    public String periodOf(LocalDate day) {
        return switch (this) {
            case MONTH -> String.format("%04d-%02d", day.getYear(), day.getMonthValue());
            case QUARTER -> day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
            case YEAR -> Integer.toString(day.getYear());
        };
    }

    /** The first day of the calendar period a day falls in. */
    public LocalDate startOf(LocalDate day) {
        return switch (this) {
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
            case YEAR -> LocalDate.of(day.getYear(), 1, 1);
        };
    }
}

package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueryRuleTest {

    static final Map<String, Set<String>> CATALOGUE = Map.of(
            "year", Set.of("2023", "2024"),
            "gender", Set.of("F", "M", "X"),
            "citizenship", Set.of("KH", "TH", "LA"),
            "ageBand", Set.of("0-8", "9-17"));
    static final DisclosurePolicy POLICY = new DisclosurePolicy(
            3, 5, 5, ReleaseMode.ROUNDING, 20, Set.of("year", "gender", "citizenship"), 2, false, false);
    static final QueryRule RULES = QueryRule.all(List.of(
            QueryRule.knownDimensions(CATALOGUE),
            QueryRule.noDuplicateDimensions(),
            QueryRule.dimensionsAllowListed(),
            QueryRule.atMostMaxDimensions(),
            QueryRule.filtersValid(CATALOGUE),
            QueryRule.yearRangeValid(1990, 2100)));

    final DisclosureEngine engine = new DisclosureEngine(Tables.SECRET, "KH", Clock.systemUTC());

    Decision admit(List<String> dims, Map<String, Set<String>> filters, Integer from, Integer to, DisclosurePolicy p) {
        return engine.admit(new CountQuery(dims, filters, from, to), p, RULES);
    }

    RefusalReason reason(Decision d) {
        return ((Decision.Refused) d).reason();
    }

    @Test
    void anAllowListedQueryWithKnownFiltersIsAdmitted() {
        assertThat(admit(List.of("year", "gender"), Map.of("citizenship", Set.of("KH", "LA")), 2020, 2024, POLICY)
                        .isAllowed())
                .isTrue();
    }

    @Test
    void eachKindOfBadQueryIsRefusedWithItsReason() {
        assertThat(reason(admit(List.of("village"), null, null, null, POLICY)))
                .isEqualTo(RefusalReason.UNKNOWN_DIMENSION);
        assertThat(reason(admit(List.of("ageBand"), null, null, null, POLICY)))
                .isEqualTo(RefusalReason.DIMENSION_NOT_ALLOWED);
        assertThat(reason(admit(List.of("year", "gender", "citizenship"), null, null, null, POLICY)))
                .isEqualTo(RefusalReason.TOO_MANY_DIMENSIONS);
        assertThat(reason(admit(List.of("year", "year"), null, null, null, POLICY)))
                .isEqualTo(RefusalReason.DUPLICATE_DIMENSION);
        assertThat(reason(admit(List.of("year"), Map.of("ageBand", Set.of("0-8")), null, null, POLICY)))
                .isEqualTo(RefusalReason.FILTER_NOT_ALLOWED);
        assertThat(reason(admit(List.of("year"), Map.of("gender", Set.of("Female")), null, null, POLICY)))
                .isEqualTo(RefusalReason.INVALID_FILTER);
        assertThat(reason(admit(List.of("year"), Map.of("gender", Set.of()), null, null, POLICY)))
                .isEqualTo(RefusalReason.INVALID_FILTER);
        assertThat(reason(admit(List.of("year"), null, 2025, 2020, POLICY)))
                .isEqualTo(RefusalReason.INVALID_YEAR_RANGE);
    }

    @Test
    void aTenThousandValueInListIsRefused() {
        Set<String> huge = IntStream.range(0, 10_000).mapToObj(i -> "V" + i).collect(Collectors.toSet());
        assertThat(reason(admit(List.of("year"), Map.of("citizenship", huge), null, null, POLICY)))
                .isEqualTo(RefusalReason.INVALID_FILTER);
    }

    @Test
    void theKillSwitchComesFirst() {
        var off = new DisclosurePolicy(4, 5, 5, ReleaseMode.ROUNDING, 20, POLICY.allowedDimensions(), 2, true, false);
        assertThat(reason(admit(List.of("village"), null, null, null, off))).isEqualTo(RefusalReason.RELEASE_DISABLED);
    }
}

package org.tributary.common.disclosure;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A rule a query must pass before anything is counted. Rules compose: the first refusal wins. */
@FunctionalInterface
public interface QueryRule {

    Decision check(CountQuery query, DisclosurePolicy policy);

    /** The largest IN list a filter may hold: more values than any code list has is not a query a person writes. */
    int MAX_FILTER_VALUES = 300;

    static QueryRule releasesEnabled() {
        return (q, p) ->
                p.killSwitch() ? Decision.refuse(RefusalReason.RELEASE_DISABLED, "kill switch on") : Decision.ALLOWED;
    }

    /** Dimensions and filters must be in the node's catalogue: {@code codes} maps each dimension to its codes. */
    static QueryRule knownDimensions(Map<String, Set<String>> codes) {
        return (q, p) -> {
            for (String d : q.dimensions()) {
                if (!codes.containsKey(d)) {
                    return Decision.refuse(RefusalReason.UNKNOWN_DIMENSION, d);
                }
            }
            for (String d : q.filters().keySet()) {
                if (!codes.containsKey(d)) {
                    return Decision.refuse(RefusalReason.UNKNOWN_DIMENSION, d);
                }
            }
            return Decision.ALLOWED;
        };
    }

    static QueryRule noDuplicateDimensions() {
        return (q, p) -> new HashSet<>(q.dimensions()).size() == q.dimensions().size()
                ? Decision.ALLOWED
                : Decision.refuse(RefusalReason.DUPLICATE_DIMENSION, String.join(",", q.dimensions()));
    }

    static QueryRule dimensionsAllowListed() {
        return (q, p) -> {
            for (String d : q.dimensions()) {
                if (!p.allowedDimensions().contains(d)) {
                    return Decision.refuse(RefusalReason.DIMENSION_NOT_ALLOWED, d);
                }
            }
            return Decision.ALLOWED;
        };
    }

    static QueryRule atMostMaxDimensions() {
        return (q, p) -> q.dimensions().size() <= p.maxDimensions()
                ? Decision.ALLOWED
                : Decision.refuse(
                        RefusalReason.TOO_MANY_DIMENSIONS,
                        String.valueOf(q.dimensions().size()));
    }

    /** Filters only on allow-listed dimensions, each with 1 to {@link #MAX_FILTER_VALUES} known codes. */
    static QueryRule filtersValid(Map<String, Set<String>> codes) {
        return (q, p) -> {
            for (var filter : q.filters().entrySet()) {
                if (!p.allowedDimensions().contains(filter.getKey())) {
                    return Decision.refuse(RefusalReason.FILTER_NOT_ALLOWED, filter.getKey());
                }
                Set<String> values = filter.getValue();
                if (values == null || values.isEmpty() || values.size() > MAX_FILTER_VALUES) {
                    return Decision.refuse(RefusalReason.INVALID_FILTER, filter.getKey());
                }
                Set<String> known = codes.getOrDefault(filter.getKey(), Set.of());
                for (String v : values) {
                    if (!known.contains(v)) {
                        return Decision.refuse(RefusalReason.INVALID_FILTER, filter.getKey());
                    }
                }
            }
            return Decision.ALLOWED;
        };
    }

    static QueryRule yearRangeValid(int earliest, int latest) {
        return (q, p) -> {
            Integer from = q.yearFrom();
            Integer to = q.yearTo();
            boolean bad = from != null && (from < earliest || from > latest)
                    || to != null && (to < earliest || to > latest)
                    || from != null && to != null && from > to;
            return bad ? Decision.refuse(RefusalReason.INVALID_YEAR_RANGE, from + ".." + to) : Decision.ALLOWED;
        };
    }

    /** All rules in order; the first refusal is the answer. */
    static QueryRule all(List<QueryRule> rules) {
        return (q, p) -> {
            for (QueryRule rule : rules) {
                Decision d = rule.check(q, p);
                if (!d.isAllowed()) {
                    return d;
                }
            }
            return Decision.ALLOWED;
        };
    }
}

package org.tributary.aggregator.queries;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.tributary.aggregator.nodes.NodeCatalogue;
import org.tributary.aggregator.nodes.NodeRegistry;
import org.tributary.common.problem.FieldError;
import org.tributary.common.problem.ProblemType;
import org.tributary.support.web.ProblemException;

/**
 * Checks a regional question against the union of the node catalogues before any node is asked: every dimension
 * and filter code must be one that some node offers. The nodes check again under their own policies.
 */
@Component
public class QueryValidator {

    static final int FIRST_YEAR = org.tributary.common.federation.FederationContract.FIRST_YEAR;
    static final int LAST_YEAR = org.tributary.common.federation.FederationContract.LAST_YEAR;

    private final NodeRegistry registry;

    QueryValidator(NodeRegistry registry) {
        this.registry = registry;
    }

    /** The catalogue union, or 503 when no node has been heard from yet. */
    public NodeCatalogue catalogue() {
        return registry.catalogueUnion()
                .orElseThrow(() -> new ProblemException(
                        ProblemType.UPSTREAM_UNAVAILABLE,
                        "No country node's catalogue is known yet: no node has answered. Try again shortly."));
    }

    /** Throws a 400 problem listing every invalid part. */
    public void check(
            String prefix,
            List<String> dimensions,
            Map<String, List<String>> filters,
            Integer yearFrom,
            Integer yearTo) {
        NodeCatalogue catalogue = catalogue();
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < dimensions.size(); i++) {
            String d = dimensions.get(i);
            if (!catalogue.dimensions().containsKey(d)) {
                errors.add(FieldError.of(
                        prefix + "[" + i + "]",
                        d,
                        "is no dimension any node offers; known: "
                                + String.join(", ", catalogue.dimensions().keySet())));
            } else if (!seen.add(d)) {
                errors.add(FieldError.of(prefix + "[" + i + "]", d, "is named twice"));
            }
        }
        if (dimensions.size() > catalogue.maxDimensions()) {
            errors.add(FieldError.of(
                    prefix,
                    String.valueOf(dimensions.size()),
                    "crosses more dimensions than any node allows (" + catalogue.maxDimensions() + ")"));
        }
        if (filters != null) {
            filters.forEach((d, codes) -> {
                var info = catalogue.dimensions().get(d);
                if (info == null) {
                    errors.add(FieldError.of("filters." + d, d, "is no dimension any node offers"));
                    return;
                }
                for (String code : codes) {
                    if (!info.codes().contains(code)) {
                        errors.add(FieldError.of("filters." + d, code, "is no code of this dimension"));
                    }
                }
            });
        }
        checkYear("yearFrom", yearFrom, errors);
        checkYear("yearTo", yearTo, errors);
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            errors.add(FieldError.of("yearTo", String.valueOf(yearTo), "is before yearFrom"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION, errors.size() + " part(s) of the question are invalid.", errors);
        }
    }

    private static void checkYear(String field, Integer year, List<FieldError> errors) {
        if (year != null && (year < FIRST_YEAR || year > LAST_YEAR)) {
            errors.add(
                    FieldError.of(field, String.valueOf(year), "must be between " + FIRST_YEAR + " and " + LAST_YEAR));
        }
    }
}

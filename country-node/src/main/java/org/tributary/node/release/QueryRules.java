package org.tributary.node.release;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tributary.common.disclosure.QueryRule;
import org.tributary.common.federation.FederationContract;

/** The rules every query passes before anything is counted, over this node's dimension catalogue. */
final class QueryRules {

    private QueryRules() {}

    static QueryRule standard() {
        Map<String, Set<String>> codes = Dimension.codeSets();
        return QueryRule.all(List.of(
                QueryRule.knownDimensions(codes),
                QueryRule.noDuplicateDimensions(),
                QueryRule.dimensionsAllowListed(),
                QueryRule.atMostMaxDimensions(),
                QueryRule.filtersValid(codes),
                QueryRule.yearRangeValid(FederationContract.FIRST_YEAR, FederationContract.LAST_YEAR)));
    }
}

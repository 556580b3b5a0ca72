package org.tributary.node.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.Decision;
import org.tributary.common.disclosure.DisclosureEngine;
import org.tributary.common.disclosure.Margins;
import org.tributary.common.disclosure.QueryRule;
import org.tributary.common.disclosure.RefusalReason;
import org.tributary.common.disclosure.Release;
import org.tributary.common.disclosure.ReleasedCell;
import org.tributary.common.disclosure.TrueCell;
import org.tributary.node.audit.AuditLog;
import org.tributary.node.policy.PolicyService;

/**
 * Answers count queries: policy rules, one SQL pass for every cell and margin with their cell keys, the
 * disclosure engine, and an audit entry in the same transaction, for answers and refusals alike. True counts
 * never leave this class except through the engine.
 */
@Service
class ReleaseService {

    static final String TOTAL = "_T";
    /** With zeros suppressed every grid cell is listed; beyond this many the query is refused. */
    static final int MAX_GRID_WITH_ZEROS = 20_000;

    private final JdbcClient jdbc;
    private final DisclosureEngine engine;
    private final PolicyService policies;
    private final AuditLog audit;
    private final QueryRule rules;

    ReleaseService(JdbcClient jdbc, DisclosureEngine engine, PolicyService policies, AuditLog audit) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.policies = policies;
        this.audit = audit;
        Map<String, Set<String>> codes = Dimension.codeSets();
        this.rules = QueryRule.all(List.of(
                QueryRule.knownDimensions(codes),
                QueryRule.noDuplicateDimensions(),
                QueryRule.dimensionsAllowListed(),
                QueryRule.atMostMaxDimensions(),
                QueryRule.filtersValid(codes),
                QueryRule.yearRangeValid(1990, 2100)));
    }

    @Transactional
    Release answer(CountQuery query, String requester) {
        var policy = policies.current().policy();
        String canonical = canonical(query);
        Decision admitted = engine.admit(query, policy, rules);
        if (admitted instanceof Decision.Refused refused) {
            audit.append(
                    requester, "COUNT_QUERY", canonical, null, refused.reason().name());
            return new Release.Refusal(refused.reason(), refused.detail());
        }
        var statement = CountQuerySql.build(query);
        List<TrueCell> counted = new ArrayList<>();
        long[] total = {0};
        jdbc.sql(statement.sql()).params(statement.parameters()).query((ResultSet rs) -> {
            counted.add(cell(rs, statement.dimensions().size()));
            total[0] = rs.getLong("total");
        });
        List<TrueCell> cells = new ArrayList<>(
                statement.multiResponse()
                        ? counted
                        : Margins.cube(counted, statement.dimensions().size()));
        long selected = cells.stream()
                .filter(c -> c.coordinates().stream().allMatch(java.util.Objects::isNull))
                .mapToLong(TrueCell::count)
                .findFirst()
                .orElse(0);
        long population = total[0] < 0 ? selected : total[0];
        if (policy.suppressZeros()) {
            // Zeros must be protected too: list every cell of the grid, zeros included.
            var full = Margins.withZeros(
                    cells, statement.dimensions().stream().map(d -> d.codes).toList(), MAX_GRID_WITH_ZEROS);
            if (full.isEmpty()) {
                audit.append(requester, "COUNT_QUERY", canonical, null, RefusalReason.TABLE_NOT_PROTECTABLE.name());
                return new Release.Refusal(RefusalReason.TABLE_NOT_PROTECTABLE, "grid too large to list every zero");
            }
            cells = new ArrayList<>(full.get());
        }
        cells.sort(java.util.Comparator.comparing(c -> sortKey(c.coordinates())));
        List<String> multi = statement.dimensions().stream()
                .filter(d -> d.multiResponse)
                .map(Enum::name)
                .toList();
        Release release = engine.protect(query, policy, selected, population, cells, multi);
        if (release instanceof Release.Refusal refusal) {
            audit.append(
                    requester, "COUNT_QUERY", canonical, null, refusal.reason().name());
        } else {
            audit.append(requester, "COUNT_QUERY", canonical, digest((Release.Table) release), null);
        }
        return release;
    }

    private static TrueCell cell(ResultSet rs, int dimensions) throws SQLException {
        List<String> coordinates = new ArrayList<>(dimensions);
        for (int i = 0; i < dimensions; i++) {
            coordinates.add(rs.getInt("g" + i) == 1 ? null : rs.getString("d" + i));
        }
        return new TrueCell(coordinates, rs.getLong("n"), rs.getLong("key_sum"));
    }

    private static String sortKey(List<String> coordinates) {
        return coordinates.stream().map(c -> c == null ? "\uffff" : c).collect(Collectors.joining("\u0000"));
    }

    /** The query as the audit log records it: dimensions in order, filters and their values sorted. */
    static String canonical(CountQuery query) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("dimensions", query.dimensions());
        Map<String, List<String>> filters = new TreeMap<>();
        query.filters().forEach((k, v) -> filters.put(k, new ArrayList<>(new TreeSet<>(v))));
        q.put("filters", filters);
        q.put("yearFrom", query.yearFrom());
        q.put("yearTo", query.yearTo());
        return q.toString();
    }

    /** A digest of what was released: cells and the policy version, so an entry proves what left the node. */
    static String digest(Release.Table table) {
        StringBuilder text =
                new StringBuilder("policy=").append(table.metadata().policyVersion());
        for (ReleasedCell c : table.cells()) {
            text.append('\n')
                    .append(c.coordinates().stream()
                            .map(x -> x == null ? TOTAL : x)
                            .toList())
                    .append('=')
                    .append(c.suppressed() ? "S" : c.value());
        }
        return AuditLog.sha256(text.toString());
    }
}

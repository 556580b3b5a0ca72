package org.tributary.node.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tributary.common.codes.ServiceType;
import org.tributary.common.disclosure.CountQuery;

/**
 * One SQL statement per count query: every interior cell (and, for multi-response dimensions, every margin by
 * GROUP BY CUBE), each with its number of distinct persons and the sum of their record keys mod 2^32, plus the
 * node's total population. Dimension
 * expressions come from the catalogue; filter values are bind parameters, never SQL text.
 */
final class CountQuerySql {

    /** Persons whose agency recorded no consent to aggregate use are never counted. */
    static final String COUNTED = "c.consent_to_aggregate_use is not false";

    private static final String RECEIVED = "status in ('Received', 'Completed')";

    private static final String ASSISTANCE_FACTS = "f as (select case_id,"
            + " bool_or(stage = 'Destination' and " + RECEIVED + ") as dest_assisted,"
            + " bool_or(stage = 'Destination' and status in ('Offered', 'Declined', 'Received', 'Completed'))"
            + " as dest_offered,"
            + " bool_or(stage = 'Destination' and status = 'Declined') as declined,"
            + " array_agg(distinct service_type) filter (where stage = 'Destination' and " + RECEIVED + ")"
            + " as dest_services,"
            + " bool_or(stage = 'Origin' and " + RECEIVED + " and service_type in (" + coreServices() + "))"
            + " as reintegration_core,"
            + " array_agg(distinct service_type) filter (where stage = 'Origin' and " + RECEIVED + ")"
            + " as origin_services,"
            + " min(start_date) filter (where " + RECEIVED + ") as first_service"
            + " from assistance_events group by case_id)";

    private static final String FOLLOW_UP_FACTS =
            "fu as (select case_id, min(followed_up_on) as first_follow_up from follow_ups group by case_id)";

    record Statement(String sql, List<Object> parameters, List<Dimension> dimensions, boolean multiResponse) {}

    private CountQuerySql() {}

    static Statement build(CountQuery query) {
        return build(query, null);
    }

    /**
     * The interior cells of a query for a differentially private histogram: a person counts in at most
     * {@code bound} codes of each multi-response dimension (the first ones in alphabetical order), once per cell;
     * no margins (they are made from the noisy cells), no population.
     */
    static Statement histogram(CountQuery query, int bound) {
        return build(query, bound);
    }

    private static Statement build(CountQuery query, Integer bound) {
        List<Dimension> dims = query.dimensions().stream()
                .map(d -> Dimension.byId(d).orElseThrow())
                .toList();
        boolean coarseOnly = dims.stream().allMatch(d -> d.cellColumn() != null)
                && query.filters().keySet().stream()
                        .allMatch(d -> Dimension.byId(d).orElseThrow().cellColumn() != null);
        if (coarseOnly) {
            return fromCells(query, dims);
        }
        List<Dimension> filtered = query.filters().keySet().stream()
                .map(d -> Dimension.byId(d).orElseThrow())
                .toList();
        boolean assistance = needs(dims, filtered, Dimension.Needs.ASSISTANCE);
        boolean followUp = needs(dims, filtered, Dimension.Needs.FOLLOW_UP);
        boolean multi = dims.stream().anyMatch(d -> d.multiResponse);

        List<Object> params = new ArrayList<>();
        List<String> ctes = new ArrayList<>();
        if (assistance) {
            ctes.add(ASSISTANCE_FACTS);
        }
        if (followUp) {
            ctes.add(FOLLOW_UP_FACTS);
        }
        StringBuilder base = new StringBuilder("select c.person_no, c.record_key");
        for (int i = 0; i < dims.size(); i++) {
            base.append(", ")
                    .append(dims.get(i).multiResponse ? "m" + i + ".v" : dims.get(i).sql)
                    .append(" as d")
                    .append(i);
        }
        base.append(" from cases c");
        if (assistance) {
            base.append(" left join f on f.case_id = c.id");
        }
        if (followUp) {
            base.append(" left join fu on fu.case_id = c.id");
        }
        for (int i = 0; i < dims.size(); i++) {
            if (dims.get(i).multiResponse && bound == null) {
                base.append(" cross join lateral unnest(")
                        .append(dims.get(i).sql)
                        .append(") as m")
                        .append(i)
                        .append("(v)");
            } else if (dims.get(i).multiResponse) {
                // Bounded contribution: the person's first `bound` distinct codes only.
                base.append(" cross join lateral (select distinct u.v from unnest(")
                        .append(dims.get(i).sql)
                        .append(") as u(v) order by u.v limit ")
                        .append(bound.intValue())
                        .append(") as m")
                        .append(i);
            }
        }
        base.append(" where ").append(COUNTED);
        for (Map.Entry<String, Set<String>> filter : sortedFilters(query)) {
            Dimension d = Dimension.byId(filter.getKey()).orElseThrow();
            int grouped = dims.indexOf(d);
            if (grouped >= 0 && d.multiResponse) {
                base.append(" and m").append(grouped).append(".v = any(?::text[])");
            } else if (d.multiResponse) {
                base.append(" and exists (select 1 from unnest(")
                        .append(d.sql)
                        .append(") as x(v) where x.v = any(?::text[]))");
            } else {
                base.append(" and ").append(d.sql).append(" = any(?::text[])");
            }
            params.add(filter.getValue().stream().sorted().toArray(String[]::new));
        }
        if (query.yearFrom() != null) {
            base.append(" and c.registration_year >= ?");
            params.add(query.yearFrom());
        }
        if (query.yearTo() != null) {
            base.append(" and c.registration_year <= ?");
            params.add(query.yearTo());
        }
        ctes.add("base as (" + base + ")");

        if (bound != null) {
            StringBuilder sql =
                    new StringBuilder("with ").append(String.join(", ", ctes)).append(" select ");
            for (int i = 0; i < dims.size(); i++) {
                sql.append("d").append(i).append(", 0 as g").append(i).append(", ");
            }
            sql.append("count(distinct person_no) as n, 0::bigint as key_sum, -1::bigint as total,"
                    + " 0::bigint as total_key_sum from base");
            if (!dims.isEmpty()) {
                sql.append(" group by ");
                for (int i = 0; i < dims.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("d").append(i);
                }
            }
            return new Statement(sql.toString(), params, dims, false);
        }
        StringBuilder sql =
                new StringBuilder("with ").append(String.join(", ", ctes)).append(" select ");
        for (int i = 0; i < dims.size(); i++) {
            sql.append("d")
                    .append(i)
                    .append(", grouping(d")
                    .append(i)
                    .append(") as g")
                    .append(i)
                    .append(", ");
        }
        if (multi) {
            // A person may sit in several rows of base: count and key-sum each person once per cell.
            sql.append("count(distinct person_no) as n,"
                    + " (sum(distinct person_no::numeric * 4294967296 + (record_key::bigint & 4294967295))"
                    + " % 4294967296)::bigint as key_sum");
        } else {
            // sum(int) accumulates in bigint (fast); 2^31 per person leaves room for 4 billion persons.
            sql.append("count(*) as n, sum(record_key) as key_sum");
        }
        if (query.filters().isEmpty() && query.yearFrom() == null && query.yearTo() == null) {
            // Nothing restricted: the node's population is the grand total, no second scan needed.
            sql.append(", -1::bigint as total, 0::bigint as total_key_sum from base");
        } else {
            sql.insert(
                    "with ".length(),
                    "tot as (select count(*)::bigint as total, coalesce(sum(c.record_key), 0)::bigint as total_key_sum"
                            + " from cases c where " + COUNTED + "), ");
            sql.append(", max(tot.total) as total, max(tot.total_key_sum) as total_key_sum from base, tot");
        }
        if (!dims.isEmpty()) {
            // Multi-response: margins must count persons once, so the database computes them (CUBE). Otherwise
            // only interior cells are counted (a plain, parallel GROUP BY) and the margins are summed from them.
            sql.append(multi ? " group by cube(" : " group by ");
            for (int i = 0; i < dims.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("d").append(i);
            }
            sql.append(multi ? ")" : "");
        }
        return new Statement(sql.toString(), params, dims, multi);
    }

    /**
     * The same interior cells read from the {@code case_cells} table, which the case table's triggers keep exactly
     * equal to counting the cases: tens of thousands of rows instead of every case.
     */
    private static Statement fromCells(CountQuery query, List<Dimension> dims) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where n > 0");
        for (Map.Entry<String, Set<String>> filter : sortedFilters(query)) {
            where.append(" and ")
                    .append(Dimension.byId(filter.getKey()).orElseThrow().cellColumn())
                    .append(" = any(?::text[])");
            params.add(filter.getValue().stream().sorted().toArray(String[]::new));
        }
        if (query.yearFrom() != null) {
            where.append(" and (case when year <> '_U' then year::int end) >= ?");
            params.add(query.yearFrom());
        }
        if (query.yearTo() != null) {
            where.append(" and (case when year <> '_U' then year::int end) <= ?");
            params.add(query.yearTo());
        }
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < dims.size(); i++) {
            sql.append(dims.get(i).cellColumn())
                    .append(" as d")
                    .append(i)
                    .append(", 0 as g")
                    .append(i)
                    .append(", ");
        }
        sql.append("sum(n)::bigint as n, sum(key_sum)::bigint as key_sum, ");
        boolean restricted = !query.filters().isEmpty() || query.yearFrom() != null || query.yearTo() != null;
        sql.append(restricted ? "(select sum(n) from case_cells)::bigint" : "-1::bigint")
                .append(" as total, ")
                .append(restricted ? "(select coalesce(sum(key_sum), 0) from case_cells)::bigint" : "0::bigint")
                .append(" as total_key_sum");
        sql.append(" from case_cells").append(where);
        if (!dims.isEmpty()) {
            sql.append(" group by ");
            for (int i = 0; i < dims.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("d").append(i);
            }
        }
        return new Statement(sql.toString(), params, dims, false);
    }

    private static boolean needs(List<Dimension> dims, List<Dimension> filtered, Dimension.Needs needs) {
        return dims.stream().anyMatch(d -> d.needs == needs)
                || filtered.stream().anyMatch(d -> d.needs == needs);
    }

    private static List<Map.Entry<String, Set<String>>> sortedFilters(CountQuery query) {
        return query.filters().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .toList();
    }

    private static String coreServices() {
        return ServiceType.CORE_REINTEGRATION.stream()
                .map(s -> "'" + s.name() + "'")
                .sorted()
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
    }
}

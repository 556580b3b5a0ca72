package org.tributary.node.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tributary.common.disclosure.CountQuery;

class CountQuerySqlTest {

    @Test
    void coarseDimensionsAndFiltersAreReadFromTheCellTable() {
        var statement = CountQuerySql.build(new CountQuery(
                List.of("gender", "identificationStage"), Map.of("caseStatus", Set.of("Active")), 2020, null));
        assertThat(statement.sql()).contains("from case_cells").doesNotContain("from cases c");
        assertThat(statement.parameters()).hasSize(2);
    }

    @Test
    void anyOtherDimensionOrFilterIsCountedFromTheCases() {
        assertThat(CountQuerySql.build(new CountQuery(List.of("gender", "returned"), null, null, null))
                        .sql())
                .contains("from cases c")
                .doesNotContain("case_cells");
        assertThat(CountQuerySql.build(
                                new CountQuery(List.of("gender"), Map.of("citizenship", Set.of("KH")), null, null))
                        .sql())
                .contains("from cases c");
    }

    @Test
    void multiResponseDimensionsCountDistinctPersonsWithCube() {
        var statement = CountQuerySql.build(new CountQuery(List.of("exploitationType", "year"), null, null, null));
        assertThat(statement.multiResponse()).isTrue();
        assertThat(statement.sql()).contains("group by cube(").contains("count(distinct person_no)");
    }

    @Test
    void filterValuesAreBindParametersNeverSqlText() {
        var statement = CountQuerySql.build(new CountQuery(
                List.of("returned"), Map.of("citizenship", Set.of("KH'; drop table cases; --")), null, null));
        assertThat(statement.sql()).doesNotContain("drop table");
        assertThat(statement.parameters()).hasSize(1);
    }
}

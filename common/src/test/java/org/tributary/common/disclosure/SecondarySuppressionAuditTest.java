package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;

/**
 * Margin subtraction cannot recover a suppressed cell. For random 2- and 3-dimensional tables with all their
 * margins, released in SUPPRESSION_ONLY mode, every suppressed cell's value is bounded below and above by
 * linear programming over everything released (additivity of every margin, non-negative cells): the interval
 * must hold more than one value and reach at least k.
 */
class SecondarySuppressionAuditTest {

    final DisclosureEngine engine = new DisclosureEngine(Tables.SECRET, "KH", Clock.systemUTC());

    @Test
    void everySuppressedCellOfRandom2dTablesHasAnIntervalReachingK() {
        audit(2, new int[][] {{2, 2}, {2, 3}, {3, 3}, {4, 3}, {5, 4}, {6, 6}}, 11, 20, 20);
    }

    @Test
    void everySuppressedCellOfRandom3dTablesHasAnIntervalReachingK() {
        // Fewer small cells than in 2-D: every 2-D margin of a 3-D table must reach k for it to be releasable.
        audit(3, new int[][] {{2, 2, 2}, {3, 2, 2}, {3, 3, 2}, {4, 3, 3}}, 12, 5, 12);
    }

    void audit(int dimensions, int[][] shapes, long seed, int zeroPercent, int smallPercent) {
        var seeds = new Random(seed);
        int audited = 0;
        int refused = 0;
        int suppressedCells = 0;
        int linesWithOneSuppressedPrimary = 0;
        for (int t = 0; t < 150; t++) {
            long tableSeed = seeds.nextLong();
            var r = new Random(tableSeed);
            int[] shape = shapes[r.nextInt(shapes.length)];
            int k = 3 + r.nextInt(3);
            Map<List<String>, Long> interior = Tables.randomInteriorMix(r, zeroPercent, smallPercent, shape);
            List<TrueCell> cells = Tables.withMargins(interior, dimensions, r);
            var release = engine.protect(
                    new CountQuery(List.of("a", "b", "c").subList(0, dimensions), null, null, null),
                    Tables.policy(k, 5, ReleaseMode.SUPPRESSION_ONLY),
                    new Population(1000, 0, 100_000, 0),
                    cells,
                    List.of());
            if (release instanceof Release.Refusal) {
                refused++;
                continue;
            }
            audited++;
            var released = ((Release.Table) release).cells();
            List<List<String>> unknown = new ArrayList<>();
            for (var c : released) {
                if (c.suppressed()) {
                    assertThat(c.coordinates())
                            .as("only interior cells are suppressed")
                            .doesNotContainNull();
                    unknown.add(c.coordinates());
                }
            }
            linesWithOneSuppressedPrimary += countPrimaries(interior, k);
            for (int i = 0; i < unknown.size(); i++) {
                double min = solve(released, unknown, i, GoalType.MINIMIZE);
                double max = solve(released, unknown, i, GoalType.MAXIMIZE);
                assertThat(max - min)
                        .as("table seed %d, cell %s: interval [%s, %s]", tableSeed, unknown.get(i), min, max)
                        .isGreaterThanOrEqualTo(1 - 1e-6);
                assertThat(max)
                        .as("table seed %d, cell %s reaches k=%d", tableSeed, unknown.get(i), k)
                        .isGreaterThanOrEqualTo(k - 1e-6);
                suppressedCells++;
            }
        }
        System.out.printf(
                "LP audit %dD: %d tables audited, %d refused as not protectable, %d suppressed cells,"
                        + " %d primary cells%n",
                dimensions, audited, refused, suppressedCells, linesWithOneSuppressedPrimary);
        // The audit must have audited something real: most tables, many suppressed cells.
        assertThat(audited).isGreaterThan(60);
        assertThat(suppressedCells).isGreaterThan(150);
    }

    @Test
    void theAuditItselfCatchesALoneSuppressedCell() {
        // Row r1: (2, 40), total 42, with only the small cell hidden: subtraction gives it back exactly.
        List<ReleasedCell> naive = List.of(
                new ReleasedCell(List.of("r1", "c1"), null, true),
                new ReleasedCell(List.of("r1", "c2"), 40L, false),
                new ReleasedCell(java.util.Arrays.asList("r1", null), 42L, false));
        List<List<String>> unknown = List.of(List.of("r1", "c1"));
        assertThat(solve(naive, unknown, 0, GoalType.MINIMIZE))
                .isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(solve(naive, unknown, 0, GoalType.MAXIMIZE))
                .isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    static int countPrimaries(Map<List<String>, Long> interior, int k) {
        return (int) interior.values().stream().filter(n -> n > 0 && n < k).count();
    }

    /** Min or max of suppressed cell {@code target} given every released cell as an equality constraint. */
    static double solve(List<ReleasedCell> released, List<List<String>> unknown, int target, GoalType goal) {
        int n = unknown.size();
        Map<List<String>, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(unknown.get(i), i);
        }
        Map<List<String>, Long> knownInterior = new HashMap<>();
        for (var c : released) {
            if (!c.suppressed() && !c.coordinates().contains(null)) {
                knownInterior.put(c.coordinates(), c.value());
            }
        }
        List<LinearConstraint> constraints = new ArrayList<>();
        for (var margin : released) {
            if (margin.suppressed() || !margin.coordinates().contains(null)) {
                continue;
            }
            double[] coefficients = new double[n];
            double rhs = margin.value();
            boolean any = false;
            for (int i = 0; i < n; i++) {
                if (covers(margin.coordinates(), unknown.get(i))) {
                    coefficients[i] = 1;
                    any = true;
                }
            }
            for (var known : knownInterior.entrySet()) {
                if (covers(margin.coordinates(), known.getKey())) {
                    rhs -= known.getValue();
                }
            }
            if (any) {
                constraints.add(new LinearConstraint(coefficients, Relationship.EQ, rhs));
            }
        }
        double[] objective = new double[n];
        objective[target] = 1;
        var result = new SimplexSolver()
                .optimize(
                        new MaxIter(10_000),
                        new LinearObjectiveFunction(objective, 0),
                        new LinearConstraintSet(constraints),
                        goal,
                        new NonNegativeConstraint(true));
        return result.getValue();
    }

    static boolean covers(List<String> margin, List<String> cell) {
        for (int i = 0; i < margin.size(); i++) {
            if (margin.get(i) != null && !margin.get(i).equals(cell.get(i))) {
                return false;
            }
        }
        return true;
    }
}

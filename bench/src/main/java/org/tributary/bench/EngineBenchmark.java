package org.tributary.bench;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.tributary.common.disclosure.CountQuery;
import org.tributary.common.disclosure.DisclosureEngine;
import org.tributary.common.disclosure.DisclosurePolicy;
import org.tributary.common.disclosure.Release;
import org.tributary.common.disclosure.ReleaseMode;
import org.tributary.common.disclosure.ReleasedCell;
import org.tributary.common.disclosure.TrueCell;

/**
 * The disclosure engine alone on a 10,000-cell table (100 x 100, counts like a node's): protected cells per
 * second in rounding mode and in suppression-only mode, next to the direct call that copies the cells unprotected.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

    static final int SIDE = 100;
    static final int CELLS = SIDE * SIDE;

    List<TrueCell> cells;
    CountQuery query;
    DisclosureEngine engine;
    DisclosurePolicy rounding;
    DisclosurePolicy suppression;

    @Setup
    public void setUp() {
        var r = new Random(42);
        cells = new ArrayList<>(CELLS);
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                int kind = r.nextInt(10);
                long n = kind == 0 ? 0 : kind == 1 ? 1 + r.nextInt(4) : 5 + r.nextInt(200);
                cells.add(new TrueCell(List.of("r" + i, "c" + j), n, r.nextLong()));
            }
        }
        query = new CountQuery(List.of("a", "b"), null, null, null);
        engine = new DisclosureEngine("benchmark-secret-of-32-bytes-len".getBytes(), "KH", Clock.systemUTC());
        rounding = new DisclosurePolicy(1, 5, 5, ReleaseMode.ROUNDING, 20, Set.of("a", "b"), 3, false, false);
        suppression =
                new DisclosurePolicy(1, 5, 5, ReleaseMode.SUPPRESSION_ONLY, 20, Set.of("a", "b"), 3, false, false);
    }

    static final org.tributary.common.disclosure.Population POPULATION =
            new org.tributary.common.disclosure.Population(100_000, 0, 1_000_000, 0);

    @Benchmark
    public Release rounding() {
        return engine.protect(query, rounding, POPULATION, cells, List.of());
    }

    @Benchmark
    public Release suppressionOnly() {
        return engine.protect(query, suppression, POPULATION, cells, List.of());
    }

    /** Baseline: the direct call that hands the cells back unprotected. */
    @Benchmark
    public List<ReleasedCell> directCopy() {
        List<ReleasedCell> out = new ArrayList<>(CELLS);
        for (TrueCell c : cells) {
            out.add(new ReleasedCell(c.coordinates(), c.count(), false));
        }
        return out;
    }

    public static void main(String[] args) throws RunnerException {
        var results = new Runner(new OptionsBuilder()
                        .include(EngineBenchmark.class.getName())
                        .build())
                .run();
        System.out.printf("%n%-40s %16s %16s%n", "10,000-cell table", "tables/s", "cells/s");
        double baseline = 0;
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            double perSecond = result.getPrimaryResult().getScore();
            if (name.equals("directCopy")) {
                baseline = perSecond;
            }
            System.out.printf("%-40s %16.1f %16.0f%n", name, perSecond, perSecond * CELLS);
        }
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            if (!name.equals("directCopy") && baseline > 0) {
                System.out.printf(
                        "%s / direct copy: %.3f%n",
                        name, result.getPrimaryResult().getScore() / baseline);
            }
        }
    }
}

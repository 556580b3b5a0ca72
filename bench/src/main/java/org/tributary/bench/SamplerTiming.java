package org.tributary.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tributary.common.disclosure.DiscreteGaussian;
import org.tributary.common.disclosure.RandomWords;

/**
 * Does the time a discrete Gaussian draw takes tell its value? Draws 400,000 values (σ = 20) from the production
 * randomness (the JDK's DRBG), times each, and compares the time distributions of small (|z| ≤ σ), middle
 * (σ < |z| ≤ 2σ) and large (|z| > 2σ) values: medians, 90th percentiles, and the two-sample Kolmogorov–Smirnov
 * statistic between each pair, beside its 1 % critical value. Printed, not asserted: timing is noisy on 2 cores.
 */
public final class SamplerTiming {

    private SamplerTiming() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        var sampler = new DiscreteGaussian(20);
        RandomWords words = RandomWords.secure();
        for (int i = 0; i < 100_000; i++) {
            sampler.sample(words); // warm-up
        }
        List<long[]> classes = List.of(new long[n], new long[n], new long[n]);
        int[] sizes = new int[3];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            long z = sampler.sample(words);
            long t = System.nanoTime() - t0;
            int c = Math.abs(z) <= 20 ? 0 : Math.abs(z) <= 40 ? 1 : 2;
            classes.get(c)[sizes[c]++] = t;
        }
        String[] names = {"|z| <= sigma", "sigma < |z| <= 2 sigma", "|z| > 2 sigma"};
        List<long[]> sorted = new ArrayList<>();
        System.out.printf("discrete Gaussian, sigma = 20, %d draws from the JDK DRBG, time per draw (ns):%n", n);
        for (int c = 0; c < 3; c++) {
            long[] s = Arrays.copyOf(classes.get(c), sizes[c]);
            Arrays.sort(s);
            sorted.add(s);
            double mean = Arrays.stream(s).average().orElse(0);
            double sd = Math.sqrt(
                    Arrays.stream(s).mapToDouble(v -> (v - mean) * (v - mean)).sum() / s.length);
            System.out.printf(
                    "  %-24s %7d draws  median %7d  p90 %7d  p99 %7d  mean %8.0f ± %4.0f%n",
                    names[c],
                    s.length,
                    s[s.length / 2],
                    s[(int) (s.length * 0.9)],
                    s[(int) (s.length * 0.99)],
                    mean,
                    sd / Math.sqrt(s.length));
        }
        for (int a = 0; a < 3; a++) {
            for (int b = a + 1; b < 3; b++) {
                long[] x = sorted.get(a);
                long[] y = sorted.get(b);
                double d = ks(x, y);
                double critical = 1.628 * Math.sqrt((x.length + y.length) / ((double) x.length * y.length));
                System.out.printf(
                        "  KS %s vs %s: D = %.4f (1 %% critical value %.4f): %s%n",
                        names[a], names[b], d, critical, d <= critical ? "indistinguishable" : "distinguishable");
            }
        }
    }

    static double ks(long[] x, long[] y) {
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            long v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }
}

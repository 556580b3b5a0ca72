package org.tributary.common.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sampler draws exactly from the discrete Gaussian, and the work it does on a draw does not depend on the value
 * drawn. Every test runs on a fixed seed: its outcome is the same on every run, so it cannot flake.
 */
class DiscreteGaussianTest {

    static RandomWords seeded(long seed) {
        var r = new SplittableRandom(seed);
        return r::nextLong;
    }

    /** P(z) ∝ exp(−z²/2σ²), normalised over |z| ≤ 40σ (the rest is below 10⁻³⁴⁰). */
    static double[] pmf(int sigma, int halfWidth) {
        double[] p = new double[2 * halfWidth + 1];
        double norm = 0;
        for (long z = -40L * sigma; z <= 40L * sigma; z++) {
            norm += Math.exp(-(double) z * z / (2.0 * sigma * sigma));
        }
        for (int z = -halfWidth; z <= halfWidth; z++) {
            p[z + halfWidth] = Math.exp(-(double) z * z / (2.0 * sigma * sigma)) / norm;
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 20})
    void drawsFollowTheExactPmfByAChiSquareTest(int sigma) {
        int n = 200_000;
        var sampler = new DiscreteGaussian(sigma);
        RandomWords words = seeded(1000 + sigma);
        int half = 4 * sigma;
        long[] observed = new long[2 * half + 3]; // index 0: below −half, last: above half
        for (int i = 0; i < n; i++) {
            long z = sampler.sample(words);
            int bin = z < -half ? 0 : z > half ? observed.length - 1 : (int) (z + half + 1);
            observed[bin]++;
        }
        double[] p = pmf(sigma, half);
        double[] expected = new double[observed.length];
        double inside = 0;
        for (int i = 0; i < p.length; i++) {
            expected[i + 1] = p[i] * n;
            inside += p[i];
        }
        expected[0] = expected[expected.length - 1] = (1 - inside) / 2 * n;
        // Merge bins expected to hold fewer than 5 draws, as the test requires.
        double chi = 0;
        int bins = 0;
        double e = 0;
        double o = 0;
        for (int i = 0; i < observed.length; i++) {
            e += expected[i];
            o += observed[i];
            if (e >= 5 || i == observed.length - 1) {
                chi += (o - e) * (o - e) / Math.max(e, 1e-9);
                bins++;
                e = 0;
                o = 0;
            }
        }
        double critical = new ChiSquaredDistribution(bins - 1).inverseCumulativeProbability(1 - 1e-4);
        System.out.printf(
                "discrete Gaussian σ=%d: chi-square %.1f over %d bins (critical at p=1e-4: %.1f)%n",
                sigma, chi, bins, critical);
        assertThat(chi).isLessThan(critical);
    }

    @Test
    void meanIsZeroAndVarianceIsAboutSigmaSquared() {
        var sampler = new DiscreteGaussian(20);
        RandomWords words = seeded(7);
        int n = 100_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            long z = sampler.sample(words);
            sum += z;
            squares += (double) z * z;
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        // Standard error of the mean: 20/√n ≈ 0.063; of the variance: about 400·√(2/n) ≈ 1.8.
        assertThat(mean).isBetween(-0.32, 0.32);
        assertThat(variance).isBetween(391.0, 409.0);
    }

    @Test
    void theAcceptedCandidateCostsTheSameNumberOfDrawsWhateverItsValue() {
        var sampler = new DiscreteGaussian(20);
        var counter = new DiscreteGaussian.Counter(seeded(11));
        int n = 50_000;
        int overran = 0;
        long rejectedOverruns = 0;
        for (int i = 0; i < n; i++) {
            long before = counter.overruns;
            sampler.sample(counter);
            if (counter.overruns != counter.candidateOverran) {
                overran++;
                continue;
            }
            rejectedOverruns += counter.overruns - before;
            assertThat(counter.draws - counter.candidateStart).isEqualTo(DiscreteGaussian.DRAWS_PER_CANDIDATE);
        }
        System.out.printf(
                "discrete Gaussian σ=20: %d draws per candidate; the accepted candidate ran past its"
                        + " padding in %d of %d draws (rejected candidates: %d times)%n",
                DiscreteGaussian.DRAWS_PER_CANDIDATE, overran, n, rejectedOverruns);
        assertThat(overran).isLessThanOrEqualTo(1);
    }

    /**
     * The number of candidates a draw takes (the only thing besides the padded work that its time depends on) is
     * independent of the value drawn: a chi-square test of independence between |z| in three classes and the
     * candidates in three classes.
     */
    @Test
    void theNumberOfCandidatesIsIndependentOfTheValueDrawn() {
        int sigma = 20;
        var sampler = new DiscreteGaussian(sigma);
        var counter = new DiscreteGaussian.Counter(seeded(12));
        long[][] table = new long[3][3];
        int n = 100_000;
        TreeMap<Long, Long> byCandidates = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            long before = counter.candidates;
            long z = Math.abs(sampler.sample(counter));
            long candidates = counter.candidates - before;
            byCandidates.merge(candidates, 1L, Long::sum);
            int row = z <= sigma ? 0 : z <= 2L * sigma ? 1 : 2;
            int column = candidates == 1 ? 0 : candidates == 2 ? 1 : 2;
            table[row][column]++;
        }
        double chi = 0;
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double rowSum = table[r][0] + table[r][1] + table[r][2];
                double columnSum = table[0][c] + table[1][c] + table[2][c];
                double expected = rowSum * columnSum / n;
                chi += (table[r][c] - expected) * (table[r][c] - expected) / expected;
            }
        }
        double critical = new ChiSquaredDistribution(4).inverseCumulativeProbability(1 - 1e-4);
        System.out.printf(
                "discrete Gaussian σ=20: candidates per draw %s; independence chi-square %.2f (critical" + " %.1f)%n",
                byCandidates, chi, critical);
        assertThat(chi).isLessThan(critical);
    }

    @Test
    void sigmaOutsideItsRangeIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DiscreteGaussian(0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DiscreteGaussian(1001))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

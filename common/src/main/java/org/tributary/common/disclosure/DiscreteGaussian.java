package org.tributary.common.disclosure;

/**
 * The discrete Gaussian distribution on the integers, {@code P(z) ∝ exp(−z² / 2σ²)}, sampled exactly by the
 * algorithm of Canonne, Kamath and Steinke ("The Discrete Gaussian for Differential Privacy", NeurIPS 2020):
 * rejection sampling from a discrete Laplace proposal, with every Bernoulli trial decided by comparing a uniform
 * integer with an integer bound. No floating point is used anywhere on the sampling path, so the output
 * distribution is exactly the discrete Gaussian, not an approximation of it.
 *
 * <p><b>Timing.</b> The running time must not reveal the noise. In rejection sampling the number of rejected
 * candidates is independent of the accepted value, so only the work done on the accepted candidate could leak it.
 * Every loop whose length depends on the candidate (the Bernoulli series of {@code exp(−γ)}, the geometric part of
 * the Laplace proposal, the integer part of the acceptance exponent) is therefore padded to a fixed number of
 * uniform draws: each candidate costs exactly {@link #DRAWS_PER_CANDIDATE} draws unless a loop runs past its padding,
 * where the exact loop simply goes on (exactness is never traded for timing). A rejected candidate far in the
 * proposal's tail often does; the accepted one only when the value lies beyond about 5σ (probability below 10⁻⁷),
 * and the rejected candidates' cost is independent of the value finally drawn. Arithmetic is on {@code long}s of
 * bounded size. {@code DiscreteGaussianTest} checks the draw count; {@code bench/} measures time.
 */
public final class DiscreteGaussian {

    /** σ is an integer between 1 and this: exponents then fit in a {@code long} with room to spare. */
    public static final int MAX_SIGMA = 1000;

    /** Terms of the series for {@code exp(−γ)}, {@code γ ≤ 1}: a longer series has probability at most 1/12!. */
    static final int SERIES = 12;
    /** Geometric steps of the proposal: an accepted value needs more only beyond about 8σ. */
    static final int GEOMETRIC = 8;
    /** Whole-number steps of the acceptance exponent: an accepted value needs more only beyond about 5.5σ. */
    static final int WHOLE = 10;
    /** Uniform draws per candidate when no loop runs past its padding. */
    public static final int DRAWS_PER_CANDIDATE = 1 + SERIES + GEOMETRIC * SERIES + 1 + WHOLE * SERIES + SERIES;

    private final int sigma;
    private final long sigmaSquared;
    private final long t;
    /** Geometric steps beyond which the acceptance exponent is computed in BigInteger arithmetic. */
    private final long far;

    public DiscreteGaussian(int sigma) {
        if (sigma < 1 || sigma > MAX_SIGMA) {
            throw new IllegalArgumentException("sigma must be between 1 and " + MAX_SIGMA);
        }
        this.sigma = sigma;
        this.sigmaSquared = (long) sigma * sigma;
        this.t = sigma + 1L; // floor(σ) + 1
        // (u + t·v)·t stays below 3·10⁹ up to here, so its square fits in a long.
        this.far = 3_000_000_000L / (t * t) - 1;
    }

    public int sigma() {
        return sigma;
    }

    /** One draw. */
    public long sample(RandomWords random) {
        return sample(new Counter(random));
    }

    /** One draw, counting the uniform draws it took (for the timing tests). */
    long sample(Counter random) {
        while (true) {
            random.candidates++;
            random.candidateStart = random.draws;
            random.candidateOverran = random.overruns;
            long u = random.below(t);
            boolean d = bernoulliExpFraction(random, u, t);
            long v = geometric(random);
            boolean negative = random.below(2) == 1;
            if (v > far) {
                // Far in the tail the exponent would overflow a long: decided exactly in BigInteger arithmetic (and
                // rejected within a few steps with all but astronomically small probability).
                random.overruns++;
                long tail = u + t * v;
                if (d && farAccepted(random, tail)) {
                    return negative ? -tail : tail;
                }
                continue;
            }
            long x = u + t * v;
            long z = negative ? -x : x;
            // Acceptance exponent γ = (|z| − σ²/t)² / (2σ²) = (|z|·t − σ²)² / (2σ²t²), exactly.
            long a = x * t - sigmaSquared;
            long numerator = a * a;
            long denominator = 2 * sigmaSquared * t * t;
            boolean c = bernoulliExp(random, numerator, denominator);
            if (d && !(negative && x == 0) && c) {
                return z;
            }
        }
    }

    /** The acceptance test for a candidate {@code x} far in the tail, exactly, without overflow. */
    private boolean farAccepted(Counter random, long x) {
        var a = java.math.BigInteger.valueOf(x)
                .multiply(java.math.BigInteger.valueOf(t))
                .subtract(java.math.BigInteger.valueOf(sigmaSquared));
        var n = a.multiply(a);
        var d = java.math.BigInteger.valueOf(2 * sigmaSquared * t * t);
        var whole = n.divide(d);
        for (var i = java.math.BigInteger.ONE; i.compareTo(whole) <= 0; i = i.add(java.math.BigInteger.ONE)) {
            if (!bernoulliExpFraction(random, 1, 1)) {
                return false;
            }
        }
        long remainder = n.mod(d).longValueExact();
        return bernoulliExpFraction(random, remainder, d.longValueExact());
    }

    /** Bernoulli(exp(−n/d)) for 0 ≤ n ≤ d (CKS algorithm 1), padded to {@link #SERIES} terms. */
    static boolean bernoulliExpFraction(Counter random, long n, long d) {
        int firstZero = 0;
        for (int k = 1; k <= SERIES; k++) {
            long a = random.below(d * k) < n ? 1 : 0;
            // Branch-free: the first k with a = 0, kept once found.
            long unset = firstZero == 0 ? 1 : 0;
            firstZero += (int) (unset * (1 - a) * k);
        }
        for (int k = SERIES + 1; firstZero == 0; k++) {
            // Probability below 1/12!: exactness first, the padding covers all but this.
            random.overruns++;
            if (random.below(d * k) >= n) {
                firstZero = k;
            }
        }
        return firstZero % 2 == 1;
    }

    /** Bernoulli(exp(−n/d)) for any n ≥ 0 (CKS algorithm 2), padded to {@link #WHOLE} whole steps. */
    static boolean bernoulliExp(Counter random, long n, long d) {
        long whole = n / d;
        boolean all = true;
        long steps = Math.max(WHOLE, whole);
        if (whole > WHOLE) {
            random.overruns++;
        }
        for (long i = 1; i <= steps; i++) {
            boolean b = bernoulliExpFraction(random, 1, 1);
            all &= b | i > whole;
            if (!all && i >= WHOLE) {
                break; // past the padding the outcome is decided: a rejection, whose time reveals nothing
            }
        }
        boolean fraction = bernoulliExpFraction(random, n % d, d);
        return all && fraction;
    }

    /** Geometric(1 − e⁻¹): the number of successes of Bernoulli(e⁻¹) before the first failure, padded. */
    static long geometric(Counter random) {
        long v = -1;
        for (int i = 0; i < GEOMETRIC; i++) {
            long failed = bernoulliExpFraction(random, 1, 1) ? 0 : 1;
            long unset = v < 0 ? 1 : 0;
            v += unset * failed * (i + 1);
        }
        for (long i = GEOMETRIC; v < 0; i++) {
            random.overruns++;
            if (!bernoulliExpFraction(random, 1, 1)) {
                v = i;
            }
        }
        return v;
    }

    /** Uniform integers below a bound, with the number of draws and candidates taken so far. */
    static final class Counter {
        private final RandomWords words;
        long draws;
        long candidates;
        long overruns;
        /** Draws and overruns when the last candidate began: what the accepted candidate cost. */
        long candidateStart;

        long candidateOverran;

        Counter(RandomWords words) {
            this.words = words;
        }

        /**
         * A uniform integer in {@code [0, bound)}, {@code bound ≤ 2⁶²}, by rejection: exact, and the number of
         * rejections is independent of the value returned.
         */
        long below(long bound) {
            draws++;
            long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound + 1) % bound;
            while (true) {
                long x = words.nextLong() >>> 1;
                if (x <= limit) {
                    return x % bound;
                }
            }
        }
    }
}

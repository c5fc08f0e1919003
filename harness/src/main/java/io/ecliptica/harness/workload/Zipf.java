package io.ecliptica.harness.workload;

/**
 * Zipf-distributed ranks 0..n-1 with exponent {@code s}: rank k is drawn with probability
 * proportional to 1/(k+1)^s, so a few ranks (accounts, keys) are hot and most are cold, as on a real
 * chain. Inverse CDF by binary search over a table built with {@link StrictMath} in rank order, so
 * the same draws give the same ranks everywhere (docs/chain-format.md §6).
 */
public final class Zipf {
    private final double[] cumulative;

    public Zipf(int n, double s) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / StrictMath.pow(k + 1, s);
            cumulative[k] = sum;
        }
    }

    public int size() {
        return cumulative.length;
    }

    /** The smallest rank k with cumulative[k] > u × total, u = rng.nextDouble(). */
    public int sample(Rng rng) {
        double target = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}

package io.ecliptica.harness.workload;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out so that chains are reproducible by any
 * implementation and across JDKs (docs/chain-format.md §6): {@code java.util.Random} and friends
 * are not specified bit for bit. Not thread-safe.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9e3779b97f4a7c15L);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1): the top 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** In [0, bound): the unsigned value of {@link #nextLong()} modulo {@code bound}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** In [from, to] inclusive. */
    public long between(long from, long to) {
        return from + Long.remainderUnsigned(nextLong(), to - from + 1);
    }

    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) nextLong();
        }
        return b;
    }
}

package io.ecliptica.harness.fuzz.campaign;

/**
 * The random stream of one case: SplitMix64 (docs/fuzzing.md, "Case derivation"), specified to
 * the bit so that another implementation derives the same cases. Not {@code java.util.Random} or
 * {@code SplittableRandom}, whose algorithms are not part of their contracts.
 */
public final class CaseRandom {
    static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public CaseRandom(long state) {
        this.state = state;
    }

    /** The stream of case {@code index} of campaign {@code seed}: state = mix64(seed + (index + 1) * GAMMA). */
    public static CaseRandom forCase(long seed, long index) {
        return new CaseRandom(mix64(seed + (index + 1) * GAMMA));
    }

    /** SplitMix64's finalizer (Steele, Lea, Flood 2014; the variant of Java 8's SplittableRandom). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GAMMA;
        return mix64(state);
    }

    /** A value in {@code [0, bound)}: the unsigned remainder of the next long (bias is negligible and specified). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    /** True with probability {@code percent}/100: {@code nextInt(100) < percent}. */
    public boolean chance(int percent) {
        return nextInt(100) < percent;
    }

    public byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) nextLong();
        }
        return b;
    }
}

package io.ecliptica.harness.fuzz.gen;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), specified here so another implementation can reproduce a
 * module from its seed (docs/fuzzing.md §"Module generator"):
 * <pre>
 *   state += 0x9E3779B97F4A7C15
 *   z = state
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   nextLong = z ^ (z >>> 31)              (all arithmetic modulo 2^64)
 *   nextInt(bound) = nextLong mod bound    (nextLong read as unsigned)
 *   nextBoolean    = nextLong &lt; 0          (its top bit)
 * </pre>
 * The initial state is the seed. The slight modulo bias of {@code nextInt} is accepted: simplicity
 * of the definition matters more here than uniformity. Not thread-safe.
 */
public final class SeededEntropy implements Entropy {
    private long state;

    public SeededEntropy(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) Long.remainderUnsigned(nextLong(), bound);
    }

    @Override
    public boolean nextBoolean() {
        return nextLong() < 0;
    }
}

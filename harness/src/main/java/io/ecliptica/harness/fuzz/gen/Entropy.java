package io.ecliptica.harness.fuzz.gen;

import java.util.List;

/**
 * The only source of choices of the module generator. Two implementations: {@link SeededEntropy}
 * (a specified PRNG, so a seed names a module in any language) and {@link BytesEntropy} (a fuzzer's
 * input bytes, so coverage-guided mutation steers generation). Never throws for a valid bound.
 */
public interface Entropy {
    /** A value in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound);

    /** 64 arbitrary bits. */
    long nextLong();

    boolean nextBoolean();

    /**
     * True with probability {@code perMille}/1000 (0 = never, 1000 = always). A draw of 0 means
     * false, so all-zero entropy (an exhausted fuzzer input) takes no optional branch.
     */
    default boolean chance(int perMille) {
        return nextInt(1000) >= 1000 - perMille;
    }

    /** A value in {@code [lo, hi]} (inclusive); {@code lo <= hi}. */
    default int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    default <T> T pick(List<T> options) {
        return options.get(nextInt(options.size()));
    }
}

package io.ecliptica.harness.fuzz.gen;

/**
 * Choices read from a byte string, for coverage-guided fuzzing (Jazzer/libFuzzer mutate the bytes,
 * so a mutation changes a few choices). {@code nextInt(bound)} reads 1 byte when {@code bound <= 256},
 * 2 when {@code <= 65536}, else 4 (big-endian, unsigned) and takes the remainder; {@code nextLong}
 * reads 8, {@code nextBoolean} 1 (its low bit). Bytes past the end read as zero: an exhausted input
 * yields the first option of every choice, never an exception, and the generator is built so that
 * all-zero choices end quickly.
 */
public final class BytesEntropy implements Entropy {
    private final byte[] data;
    private int pos;

    public BytesEntropy(byte[] data) {
        this.data = data.clone();
    }

    private int nextByte() {
        return pos < data.length ? data[pos++] & 0xFF : 0;
    }

    private long read(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | nextByte();
        }
        return v;
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        int width = bound <= 256 ? 1 : bound <= 65536 ? 2 : 4;
        return (int) Long.remainderUnsigned(read(width), bound);
    }

    @Override
    public long nextLong() {
        return read(8);
    }

    @Override
    public boolean nextBoolean() {
        return (nextByte() & 1) != 0;
    }

    /** True once every byte has been consumed (later choices are all zero). */
    public boolean exhausted() {
        return pos >= data.length;
    }
}

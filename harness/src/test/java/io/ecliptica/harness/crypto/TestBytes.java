package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.util.Random;

/** Byte-string helpers for the crypto tests. */
final class TestBytes {

    private TestBytes() {}

    /** {@code b} with bit {@code bit} flipped (bit 0 = least significant bit of byte 0). */
    static Bytes flipBit(Bytes b, int bit) {
        byte[] a = b.toByteArray();
        a[bit / 8] ^= (byte) (1 << (bit % 8));
        return Bytes.of(a);
    }

    /** {@code n} bytes start, start+1, … (mod 256). */
    static Bytes counting(int n, int start) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (start + i);
        }
        return Bytes.of(a);
    }

    static Bytes filled(int n, int value) {
        byte[] a = new byte[n];
        java.util.Arrays.fill(a, (byte) value);
        return Bytes.of(a);
    }

    static Bytes random(Random random, int n) {
        byte[] a = new byte[n];
        random.nextBytes(a);
        return Bytes.of(a);
    }

    /** The last {@code n} bytes. */
    static Bytes tail(Bytes b, int n) {
        return Bytes.of(b.toByteArray(), b.length() - n, n);
    }

    static Bytes head(Bytes b, int n) {
        return Bytes.of(b.toByteArray(), 0, n);
    }
}

package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.io.ByteArrayOutputStream;

/** Big-endian integer encodings used in derivation contexts and the signing payload. */
final class Encoding {

    private Encoding() {}

    static byte[] u16(int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("value does not fit in 16 bits: " + v);
        }
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("value does not fit in 32 bits: " + v);
        }
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] u64(long v) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (v >>> (56 - 8 * i));
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static Bytes slice(Bytes b, int from, int to) {
        return Bytes.of(b.toByteArray(), from, to - from);
    }

    static void requireLength(Bytes b, int length, String what) {
        if (b.length() != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + b.length());
        }
    }
}

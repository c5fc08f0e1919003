package io.ecliptica.harness.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable byte string: storage keys and values, addresses, hashes.
 *
 * <p>Equality is by content; {@link #compareTo} is unsigned lexicographic byte order (a proper
 * prefix sorts first), the order used for keys and addresses everywhere in the harness. The text
 * form ({@link #toHex()}, {@link #toString()}) is {@code "0x"} followed by lower-case hex digits;
 * the empty string is {@code "0x"}. Every factory copies its input and {@link #toByteArray()}
 * returns a copy, so a {@code Bytes} can never change.
 */
public final class Bytes implements Comparable<Bytes> {

    /** The empty byte string. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] bytes;
    private int hashCode; // cached; 0 = not computed yet (or really 0: then recomputed, harmless)

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte... bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code source} starting at {@code offset}. */
    public static Bytes of(byte[] source, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(source, offset, offset + length));
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Bytes utf8(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses hex text: an optional {@code 0x}/{@code 0X} prefix, then an even number of hex digits
     * (either case). {@code "0x"} and {@code ""} are the empty string.
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static Bytes fromHex(CharSequence hex) {
        Objects.requireNonNull(hex, "hex");
        int start = hex.length() >= 2 && hex.charAt(0) == '0' && (hex.charAt(1) == 'x' || hex.charAt(1) == 'X') ? 2 : 0;
        int digits = hex.length() - start;
        if (digits % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(start + 2 * i), 16);
            int lo = Character.digit(hex.charAt(start + 2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex string: " + hex);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return wrap(out);
    }

    /** Wraps {@code bytes} without copying; the caller must never modify the array again. */
    static Bytes wrap(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes);
    }

    /** The backing array, not a copy: package code only, and it must not be modified. */
    byte[] array() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index}. */
    public byte get(int index) {
        return bytes[index];
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Copies the content into {@code destination} at {@code offset}. */
    public void copyTo(byte[] destination, int offset) {
        System.arraycopy(bytes, 0, destination, offset, bytes.length);
    }

    /** This string followed by {@code other}. */
    public Bytes concat(Bytes other) {
        if (other.bytes.length == 0) {
            return this;
        }
        if (bytes.length == 0) {
            return other;
        }
        byte[] out = Arrays.copyOf(bytes, bytes.length + other.bytes.length);
        System.arraycopy(other.bytes, 0, out, bytes.length, other.bytes.length);
        return new Bytes(out);
    }

    /** {@code "0x"} followed by two lower-case hex digits per byte. */
    public String toHex() {
        char[] out = new char[2 + 2 * bytes.length];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Unsigned lexicographic order; a proper prefix sorts before the longer string. */
    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof Bytes other && Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        int h = hashCode;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hashCode = h;
        }
        return h;
    }

    /** Same as {@link #toHex()}. */
    @Override
    public String toString() {
        return toHex();
    }
}

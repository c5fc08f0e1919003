package io.ecliptica.harness.state;

import java.util.List;
import java.util.Objects;

/**
 * The receipts root of a block: the RFC 6962 (section 2.1) Merkle Tree Hash over the ordered list of
 * receipt encodings.
 *
 * <pre>
 * MTH({})       = SHA-256()                                   (the empty string)
 * MTH({d0})     = SHA-256(0x00 || d0)
 * MTH(D[0..n))  = SHA-256(0x01 || MTH(D[0..k)) || MTH(D[k..n)))   n &gt; 1, k = largest power of 2 &lt; n
 * </pre>
 *
 * Note that the empty list has root SHA-256("") (e3b0c442...), not the 32 zero bytes that stand for
 * an empty sparse Merkle tree. O(n) hashes (2n - 1 for n &gt; 0).
 */
public final class ReceiptsRoot {

    private ReceiptsRoot() {}

    /** MTH over {@code receipts}, in list order. The arrays are only read. */
    public static Bytes of(List<byte[]> receipts) {
        Objects.requireNonNull(receipts, "receipts");
        if (receipts.isEmpty()) {
            return Bytes.wrap(Sha256.hash(new byte[0]));
        }
        byte[][] items = receipts.toArray(new byte[0][]);
        for (byte[] item : items) {
            Objects.requireNonNull(item, "receipt encoding");
        }
        return Bytes.wrap(mth(items, 0, items.length));
    }

    private static byte[] mth(byte[][] items, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return Sha256.hash(new byte[] {0x00}, items[from]);
        }
        int k = Integer.highestOneBit(n - 1); // largest power of two < n
        return Sha256.hash((byte) 0x01, mth(items, from, from + k), mth(items, from + k, to));
    }
}

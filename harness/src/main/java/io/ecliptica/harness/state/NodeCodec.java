package io.ecliptica.harness.state;

import java.util.Arrays;

/**
 * The stored form of a trie node, keyed by its hash in a {@link NodeStore}
 * (docs/state-root.md §8.1):
 * <ul>
 *   <li>branch: {@code 0x01 || left hash || right hash}, 65 bytes, exactly its hash preimage
 *       ({@code EMPTY} for an empty side);</li>
 *   <li>leaf: {@code prefix || path (32) || u16 key length || key || payload}, prefix {@code 0x00}
 *       for a storage leaf (payload: the value) and {@code 0x02} for an account leaf (payload:
 *       {@code codeHash || storageRoot || u32 storage entries}).</li>
 * </ul>
 * The path is kept so that loading a leaf costs no SHA-256.
 */
final class NodeCodec {
    private static final int H = StateRootScheme.HASH_LENGTH;
    private static final int KEY_OFFSET = 1 + H + 2;

    private NodeCodec() {
    }

    static byte[] branch(byte[] left, byte[] right) {
        byte[] out = new byte[1 + 2 * H];
        out[0] = StateRootScheme.NODE_PREFIX;
        System.arraycopy(left, 0, out, 1, H);
        System.arraycopy(right, 0, out, 1 + H, H);
        return out;
    }

    static byte[] leaf(byte prefix, byte[] path, Bytes key, byte[] payload) {
        int k = key.length();
        byte[] out = new byte[KEY_OFFSET + k + payload.length];
        out[0] = prefix;
        System.arraycopy(path, 0, out, 1, H);
        out[1 + H] = (byte) (k >>> 8);
        out[2 + H] = (byte) k;
        key.copyTo(out, KEY_OFFSET);
        System.arraycopy(payload, 0, out, KEY_OFFSET + k, payload.length);
        return out;
    }

    static boolean isBranch(byte[] stored) {
        return stored[0] == StateRootScheme.NODE_PREFIX;
    }

    static byte[] left(byte[] branch) {
        return Arrays.copyOfRange(branch, 1, 1 + H);
    }

    static byte[] right(byte[] branch) {
        return Arrays.copyOfRange(branch, 1 + H, 1 + 2 * H);
    }

    static byte[] leafPath(byte[] leaf) {
        return Arrays.copyOfRange(leaf, 1, 1 + H);
    }

    static Bytes leafKey(byte[] leaf) {
        return Bytes.of(leaf, KEY_OFFSET, keyLength(leaf));
    }

    static int leafValueOffset(byte[] leaf) {
        return KEY_OFFSET + keyLength(leaf);
    }

    private static int keyLength(byte[] leaf) {
        return (leaf[1 + H] & 0xff) << 8 | (leaf[2 + H] & 0xff);
    }
}

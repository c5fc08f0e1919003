package io.ecliptica.harness.state;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An independent, deliberately naive implementation of docs/state-root.md for the tests: the
 * canonical recursive definition over a list of leaves, recomputed from scratch on every call. It
 * shares no code with the production trie (only {@link Bytes} as a map key type) and hashes through
 * its own {@link MessageDigest}.
 */
final class ReferenceModel {

    private ReferenceModel() {}

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Bit {@code i} of a path, bit 0 being the most significant bit of byte 0. */
    static boolean bit(byte[] path, int i) {
        return (path[i / 8] & (0x80 >> (i % 8))) != 0;
    }

    record Leaf(byte[] path, byte[] hash) {}

    /** H(S, d) of the spec. */
    static byte[] subtreeHash(List<Leaf> leaves, int depth) {
        if (leaves.isEmpty()) {
            return new byte[32];
        }
        if (leaves.size() == 1) {
            return leaves.get(0).hash();
        }
        if (depth == 256) {
            throw new AssertionError("path collision");
        }
        List<Leaf> left = new ArrayList<>();
        List<Leaf> right = new ArrayList<>();
        for (Leaf leaf : leaves) {
            (bit(leaf.path(), depth) ? right : left).add(leaf);
        }
        return sha256(new byte[] {1}, subtreeHash(left, depth + 1), subtreeHash(right, depth + 1));
    }

    static byte[] storageRoot(Map<Bytes, Bytes> storage) {
        List<Leaf> leaves = new ArrayList<>();
        storage.forEach((key, value) -> {
            byte[] path = sha256(key.toByteArray());
            leaves.add(new Leaf(path, sha256(new byte[] {0}, path, sha256(value.toByteArray()))));
        });
        return subtreeHash(leaves, 0);
    }

    record Contract(Bytes codeHash, Map<Bytes, Bytes> storage) {}

    static byte[] worldRoot(Map<Bytes, Contract> world) {
        List<Leaf> leaves = new ArrayList<>();
        world.forEach((address, contract) -> {
            byte[] path = sha256(address.toByteArray());
            byte[] value = sha256(contract.codeHash().toByteArray(), storageRoot(contract.storage()));
            leaves.add(new Leaf(path, sha256(new byte[] {2}, path, value)));
        });
        return subtreeHash(leaves, 0);
    }

    /**
     * RFC 6962 Merkle Tree Hash computed bottom-up (pair neighbours level by level, promote an
     * unpaired last node unchanged) rather than by the top-down power-of-two split of the
     * production code; the two constructions give the same tree.
     */
    static byte[] receiptsRoot(List<byte[]> items) {
        if (items.isEmpty()) {
            return sha256();
        }
        List<byte[]> level = new ArrayList<>();
        for (byte[] item : items) {
            level.add(sha256(new byte[] {0}, item));
        }
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(sha256(new byte[] {1}, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder("0x");
        for (byte b : bytes) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    static boolean same(byte[] a, Bytes b) {
        return Arrays.equals(a, b.toByteArray());
    }
}

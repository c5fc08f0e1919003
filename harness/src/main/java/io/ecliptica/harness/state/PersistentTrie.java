package io.ecliptica.harness.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The persistent compact binary trie behind both trees of {@value StateRootScheme#ID}.
 *
 * <p>Shape: a subtree holding no leaf is {@code null} (hash {@link StateRootScheme#EMPTY_ROOT}); a
 * subtree holding exactly one leaf is that {@link Leaf}, at whatever depth (shortcut leaf); a
 * subtree holding two or more leaves whose paths share their first {@code d} bits is a
 * {@link Branch} at depth {@code d} whose children split on bit {@code d}. One child of a branch may
 * be empty, and then the other child is a branch (a branch never has exactly one leaf below it).
 * The shape is therefore a function of the set of paths alone, and the hashes are exactly those of
 * the canonical recursive definition, whatever the order of updates.
 *
 * <p>Nodes are immutable and shared between versions: an update copies only the nodes on one
 * root-to-leaf path (O(log n) for random paths). Each node computes its hash lazily, once, and
 * caches it, so a version's root costs hashing only for the nodes created since a root was last
 * taken. Reading a cached hash from several threads is safe (the cache is a volatile reference to
 * an array that is never modified; racing threads compute the same value).
 *
 * @param <V> leaf payload type
 */
final class PersistentTrie<V> {

    /** How a leaf payload is committed: leaf hash = SHA-256(prefix || path || valueHash(value)). */
    interface LeafHasher<V> {
        byte leafPrefix();

        byte[] valueHash(V value);
    }

    private static final byte[] EMPTY_HASH = new byte[StateRootScheme.HASH_LENGTH];

    private final LeafHasher<V> hasher;
    private final Node<V> root; // null = empty
    private final int size;

    private PersistentTrie(LeafHasher<V> hasher, Node<V> root, int size) {
        this.hasher = hasher;
        this.root = root;
        this.size = size;
    }

    static <V> PersistentTrie<V> empty(LeafHasher<V> hasher) {
        return new PersistentTrie<>(Objects.requireNonNull(hasher), null, 0);
    }

    /** path(key) = SHA-256(key). */
    static byte[] pathOf(Bytes key) {
        return Sha256.hash(key.array());
    }

    int size() {
        return size;
    }

    /** The root hash (32 bytes; all zero when empty). The array must not be modified. */
    byte[] rootHash() {
        return root == null ? EMPTY_HASH : root.hash(hasher);
    }

    /** The payload stored under {@code key} whose path is {@code path}, or null. */
    V get(Bytes key, byte[] path) {
        Node<V> node = root;
        int depth = 0;
        while (node instanceof Branch<V> branch) {
            node = bit(path, depth++) == 0 ? branch.left : branch.right;
        }
        if (node instanceof Leaf<V> leaf && Arrays.equals(leaf.path, path) && leaf.key.equals(key)) {
            return leaf.value;
        }
        return null;
    }

    /**
     * This trie with {@code key -> value}. Returns {@code this} if the key already maps to an
     * equal value.
     */
    PersistentTrie<V> put(Bytes key, byte[] path, V value) {
        Leaf<V> leaf = new Leaf<>(path, key, value);
        boolean[] added = new boolean[1];
        Node<V> newRoot = put(root, 0, leaf, added);
        return newRoot == root ? this : new PersistentTrie<>(hasher, newRoot, added[0] ? size + 1 : size);
    }

    /** This trie without {@code key}. Returns {@code this} if the key is absent. */
    PersistentTrie<V> remove(Bytes key, byte[] path) {
        Node<V> newRoot = remove(root, 0, key, path);
        return newRoot == root ? this : new PersistentTrie<>(hasher, newRoot, size - 1);
    }

    /** Calls {@code action} for every entry, in path order (not key order). */
    void forEach(BiConsumer<Bytes, V> action) {
        if (root != null) {
            forEach(root, action);
        }
    }

    /** Every entry, in path order. */
    List<Leaf<V>> leaves() {
        List<Leaf<V>> out = new ArrayList<>(size);
        if (root != null) {
            collect(root, out);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------

    static int bit(byte[] path, int depth) {
        return (path[depth >>> 3] >>> (7 - (depth & 7))) & 1;
    }

    private static <V> Node<V> put(Node<V> node, int depth, Leaf<V> leaf, boolean[] added) {
        if (node == null) {
            added[0] = true;
            return leaf;
        }
        if (node instanceof Leaf<V> old) {
            if (Arrays.equals(old.path, leaf.path)) {
                if (!old.key.equals(leaf.key)) {
                    throw new IllegalStateException("two keys with the same SHA-256 path: " + old.key + ", " + leaf.key);
                }
                return Objects.equals(old.value, leaf.value) ? old : leaf;
            }
            added[0] = true;
            return join(old, leaf, depth);
        }
        Branch<V> branch = (Branch<V>) node;
        if (bit(leaf.path, depth) == 0) {
            Node<V> left = put(branch.left, depth + 1, leaf, added);
            return left == branch.left ? branch : new Branch<>(left, branch.right);
        }
        Node<V> right = put(branch.right, depth + 1, leaf, added);
        return right == branch.right ? branch : new Branch<>(branch.left, right);
    }

    /** The subtree at {@code depth} holding exactly the two leaves {@code a} and {@code b}. */
    private static <V> Node<V> join(Leaf<V> a, Leaf<V> b, int depth) {
        int split = depth;
        while (bit(a.path, split) == bit(b.path, split)) {
            split++; // terminates: the paths differ
        }
        Node<V> node = bit(a.path, split) == 0 ? new Branch<>(a, b) : new Branch<>(b, a);
        for (int d = split - 1; d >= depth; d--) {
            node = bit(a.path, d) == 0 ? new Branch<>(node, null) : new Branch<>(null, node);
        }
        return node;
    }

    private static <V> Node<V> remove(Node<V> node, int depth, Bytes key, byte[] path) {
        if (node == null) {
            return null;
        }
        if (node instanceof Leaf<V> leaf) {
            return Arrays.equals(leaf.path, path) && leaf.key.equals(key) ? null : leaf;
        }
        Branch<V> branch = (Branch<V>) node;
        boolean goLeft = bit(path, depth) == 0;
        Node<V> child = goLeft ? branch.left : branch.right;
        Node<V> sibling = goLeft ? branch.right : branch.left;
        Node<V> newChild = remove(child, depth + 1, key, path);
        if (newChild == child) {
            return branch;
        }
        // The branch held >= 2 leaves, so it now holds >= 1: keep it only while it holds >= 2.
        if (newChild == null && sibling instanceof Leaf<V>) {
            return sibling;
        }
        if (sibling == null && newChild instanceof Leaf<V>) {
            return newChild;
        }
        assert newChild != null || sibling != null;
        return goLeft ? new Branch<>(newChild, sibling) : new Branch<>(sibling, newChild);
    }

    private static <V> void forEach(Node<V> node, BiConsumer<Bytes, V> action) {
        if (node instanceof Leaf<V> leaf) {
            action.accept(leaf.key, leaf.value);
        } else {
            Branch<V> branch = (Branch<V>) node;
            if (branch.left != null) {
                forEach(branch.left, action);
            }
            if (branch.right != null) {
                forEach(branch.right, action);
            }
        }
    }

    private static <V> void collect(Node<V> node, List<Leaf<V>> out) {
        if (node instanceof Leaf<V> leaf) {
            out.add(leaf);
        } else {
            Branch<V> branch = (Branch<V>) node;
            if (branch.left != null) {
                collect(branch.left, out);
            }
            if (branch.right != null) {
                collect(branch.right, out);
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    abstract static sealed class Node<V> permits Leaf, Branch {
        private volatile byte[] hash;

        final byte[] hash(LeafHasher<V> hasher) {
            byte[] h = hash;
            if (h == null) {
                h = computeHash(hasher);
                hash = h;
            }
            return h;
        }

        abstract byte[] computeHash(LeafHasher<V> hasher);
    }

    static final class Leaf<V> extends Node<V> {
        final byte[] path;
        final Bytes key;
        final V value;

        Leaf(byte[] path, Bytes key, V value) {
            this.path = path;
            this.key = key;
            this.value = value;
        }

        @Override
        byte[] computeHash(LeafHasher<V> hasher) {
            return Sha256.hash(hasher.leafPrefix(), path, hasher.valueHash(value));
        }
    }

    static final class Branch<V> extends Node<V> {
        final Node<V> left;  // null = empty
        final Node<V> right; // null = empty

        Branch(Node<V> left, Node<V> right) {
            this.left = left;
            this.right = right;
        }

        @Override
        byte[] computeHash(LeafHasher<V> hasher) {
            byte[] l = left == null ? EMPTY_HASH : left.hash(hasher);
            byte[] r = right == null ? EMPTY_HASH : right.hash(hasher);
            return Sha256.hash(StateRootScheme.NODE_PREFIX, l, r);
        }
    }
}

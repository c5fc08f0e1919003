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
 * <p>With a disk-backed {@link NodeStore}, any subtree may also be a {@link Stored} reference (its
 * hash only), loaded when a walk passes through it; the shape and the hashes are the same.
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

    /**
     * How a leaf payload is committed: leaf hash = SHA-256(prefix || path || valueHash(value)); and
     * how it is stored in a {@link NodeStore} (only the disk-backed store calls the last three).
     */
    interface LeafHasher<V> {
        byte leafPrefix();

        byte[] valueHash(V value);

        /** The payload's stored form (what {@link #decodeValue} reads back). */
        byte[] encodeValue(V value);

        /** The payload whose stored form is {@code buf[off..off+len)}, of the leaf with key {@code key}. */
        V decodeValue(Bytes key, byte[] buf, int off, int len, NodeStore store);

        /** Writes the nodes the payload refers to (an account's storage tree); none by default. */
        default void writeReferenced(V value, NodeStore.Batch batch) {
        }
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

    /** The trie of {@code size} entries whose root node, {@code rootHash}, is in {@code store}. */
    static <V> PersistentTrie<V> stored(LeafHasher<V> hasher, byte[] rootHash, int size, NodeStore store) {
        if (size == 0) {
            return empty(hasher);
        }
        return new PersistentTrie<>(hasher, new Stored<>(rootHash, hasher, store), size);
    }

    /**
     * Adds every node of this trie not yet in the store to {@code batch}, and returns the same trie
     * rooted at a {@link Stored} reference: the in-memory nodes are then garbage once the caller
     * drops this version, and later reads load nodes by hash. Cost: the nodes created since the
     * trie was last stored (the walk stops at stored references).
     */
    PersistentTrie<V> store(NodeStore.Batch batch, NodeStore store) {
        if (root == null || root instanceof Stored<V>) {
            return this;
        }
        writeTo(batch);
        return new PersistentTrie<>(hasher, new Stored<>(root.hash(hasher), hasher, store), size);
    }

    /** Adds every node of this trie not yet in a store to {@code batch}. */
    void writeTo(NodeStore.Batch batch) {
        write(root, hasher, batch);
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
        Node<V> node = resolve(root);
        int depth = 0;
        while (node instanceof Branch<V> branch) {
            node = resolve(bit(path, depth++) == 0 ? branch.left : branch.right);
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
        if (node instanceof Stored<V> stored) {
            Node<V> loaded = stored.load();
            Node<V> updated = put(loaded, depth, leaf, added);
            return updated == loaded ? stored : updated; // unchanged stays a reference
        }
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
        if (node instanceof Stored<V> stored) {
            Node<V> loaded = stored.load();
            Node<V> updated = remove(loaded, depth, key, path);
            return updated == loaded ? stored : updated;
        }
        if (node == null) {
            return null;
        }
        if (node instanceof Leaf<V> leaf) {
            return Arrays.equals(leaf.path, path) && leaf.key.equals(key) ? null : leaf;
        }
        Branch<V> branch = (Branch<V>) node;
        boolean goLeft = bit(path, depth) == 0;
        Node<V> child = goLeft ? branch.left : branch.right;
        Node<V> newChild = remove(child, depth + 1, key, path);
        if (newChild == child) {
            return branch;
        }
        // a stored sibling is loaded: whether it is a lone leaf decides the shape
        Node<V> siblingRef = goLeft ? branch.right : branch.left;
        Node<V> sibling = resolve(siblingRef);
        // The branch held >= 2 leaves, so it now holds >= 1: keep it only while it holds >= 2.
        if (newChild == null && sibling instanceof Leaf<V>) {
            return sibling;
        }
        if (sibling == null && newChild instanceof Leaf<V>) {
            return newChild;
        }
        assert newChild != null || sibling != null;
        return goLeft ? new Branch<>(newChild, siblingRef) : new Branch<>(siblingRef, newChild);
    }

    private static <V> void forEach(Node<V> stub, BiConsumer<Bytes, V> action) {
        Node<V> node = resolve(stub);
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

    private static <V> void collect(Node<V> stub, List<Leaf<V>> out) {
        Node<V> node = resolve(stub);
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

    /** {@code node}, or the node a stored reference stands for. */
    private static <V> Node<V> resolve(Node<V> node) {
        return node instanceof Stored<V> stored ? stored.load() : node;
    }

    private static <V> void write(Node<V> node, LeafHasher<V> hasher, NodeStore.Batch batch) {
        if (node == null || node instanceof Stored<V>) {
            return;
        }
        byte[] hash = node.hash(hasher);
        if (node instanceof Branch<V> branch) {
            batch.put(hash, NodeCodec.branch(hash(branch.left, hasher), hash(branch.right, hasher)));
            write(branch.left, hasher, batch);
            write(branch.right, hasher, batch);
        } else {
            Leaf<V> leaf = (Leaf<V>) node;
            batch.put(hash, NodeCodec.leaf(hasher.leafPrefix(), leaf.path, leaf.key, hasher.encodeValue(leaf.value)));
            hasher.writeReferenced(leaf.value, batch);
        }
    }

    private static <V> byte[] hash(Node<V> node, LeafHasher<V> hasher) {
        return node == null ? EMPTY_HASH : node.hash(hasher);
    }

    /** A node decoded from its stored form: a branch over two references, or a leaf. */
    static <V> Node<V> decode(byte[] hash, byte[] stored, LeafHasher<V> hasher, NodeStore store) {
        Node<V> node;
        if (NodeCodec.isBranch(stored)) {
            node = new Branch<>(reference(NodeCodec.left(stored), hasher, store),
                    reference(NodeCodec.right(stored), hasher, store));
        } else {
            Bytes key = NodeCodec.leafKey(stored);
            int off = NodeCodec.leafValueOffset(stored);
            node = new Leaf<>(NodeCodec.leafPath(stored), key,
                    hasher.decodeValue(key, stored, off, stored.length - off, store));
        }
        node.hash = hash; // known: it is the key the node was stored under
        return node;
    }

    private static <V> Node<V> reference(byte[] hash, LeafHasher<V> hasher, NodeStore store) {
        return Arrays.equals(hash, EMPTY_HASH) ? null : new Stored<>(hash, hasher, store);
    }

    // ------------------------------------------------------------------------------------------

    abstract static sealed class Node<V> permits Leaf, Branch, Stored {
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

    /**
     * A node known by its hash only, kept in a {@link NodeStore}; loaded (through the store's
     * cache) each time it is walked through, so it holds no subtree in memory.
     */
    static final class Stored<V> extends Node<V> {
        private final LeafHasher<V> hasher;
        private final NodeStore store;

        Stored(byte[] hash, LeafHasher<V> hasher, NodeStore store) {
            this.hasher = hasher;
            this.store = store;
            super.hash = hash;
        }

        Node<V> load() {
            return store.load(hash(hasher), hasher);
        }

        @Override
        byte[] computeHash(LeafHasher<V> hasher) {
            throw new AssertionError("a stored node's hash is known");
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

package io.ecliptica.harness.state;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The storage of one contract under {@value StateRootScheme#ID}: an immutable map from key to value
 * committed by a compact sparse Merkle tree over path(key) = SHA-256(key) with leaf hash
 * SHA-256(0x00 || path || SHA-256(value)) (see {@code docs/state-root.md}).
 *
 * <p>Persistent: {@link #put} and {@link #remove} return a new tree and leave this one unchanged;
 * the two share every node off the updated path, so keeping an old version (a snapshot, a rollback
 * point) costs nothing. An update hashes O(log n) nodes (when {@link #root()} is next taken).
 *
 * <p>Keys are 0..{@value StateRootScheme#MAX_KEY_LENGTH} bytes, values
 * 0..{@value StateRootScheme#MAX_VALUE_LENGTH} bytes; the empty value is a value, distinct from an
 * absent key. Two trees are {@linkplain #equals equal} when their roots are equal, that is (barring
 * a SHA-256 collision) when they hold the same entries.
 */
public final class SparseMerkleTree {

    /** One storage entry. */
    public record Entry(Bytes key, Bytes value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    static final PersistentTrie.LeafHasher<Bytes> STORAGE_LEAVES = new PersistentTrie.LeafHasher<>() {
        @Override
        public byte leafPrefix() {
            return StateRootScheme.STORAGE_LEAF_PREFIX;
        }

        @Override
        public byte[] valueHash(Bytes value) {
            return Sha256.hash(value.array());
        }

        @Override
        public byte[] encodeValue(Bytes value) {
            return value.array();
        }

        @Override
        public Bytes decodeValue(Bytes key, byte[] buf, int off, int len, NodeStore store) {
            return Bytes.of(buf, off, len);
        }
    };

    private static final SparseMerkleTree EMPTY = new SparseMerkleTree(PersistentTrie.empty(STORAGE_LEAVES));

    private final PersistentTrie<Bytes> trie;

    private SparseMerkleTree(PersistentTrie<Bytes> trie) {
        this.trie = trie;
    }

    /** The empty tree; its root is {@link StateRootScheme#EMPTY_ROOT}. */
    public static SparseMerkleTree empty() {
        return EMPTY;
    }

    /** The tree of {@code size} entries whose root node, {@code root}, is in {@code store}. */
    static SparseMerkleTree stored(byte[] root, int size, NodeStore store) {
        return size == 0 ? EMPTY : new SparseMerkleTree(PersistentTrie.stored(STORAGE_LEAVES, root, size, store));
    }

    void writeTo(NodeStore.Batch batch) {
        trie.writeTo(batch);
    }

    /** The value stored under {@code key}, if any. */
    public Optional<Bytes> get(Bytes key) {
        if (key.length() > StateRootScheme.MAX_KEY_LENGTH || trie.size() == 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(trie.get(key, PersistentTrie.pathOf(key)));
    }

    /** Whether {@code key} is present. */
    public boolean contains(Bytes key) {
        return get(key).isPresent();
    }

    /**
     * This tree with {@code key} set to {@code value}; {@code this} if it already held that value.
     *
     * @throws IllegalArgumentException if the key or the value is too long
     */
    public SparseMerkleTree put(Bytes key, Bytes value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        if (value.length() > StateRootScheme.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("storage value longer than " + StateRootScheme.MAX_VALUE_LENGTH
                    + " bytes: " + value.length());
        }
        PersistentTrie<Bytes> updated = trie.put(key, PersistentTrie.pathOf(key), value);
        return updated == trie ? this : new SparseMerkleTree(updated);
    }

    /** This tree without {@code key}; {@code this} if the key was absent. */
    public SparseMerkleTree remove(Bytes key) {
        Objects.requireNonNull(key, "key");
        if (key.length() > StateRootScheme.MAX_KEY_LENGTH || trie.size() == 0) {
            return this;
        }
        PersistentTrie<Bytes> updated = trie.remove(key, PersistentTrie.pathOf(key));
        return updated == trie ? this : new SparseMerkleTree(updated);
    }

    /** The root hash, 32 bytes; {@link StateRootScheme#EMPTY_ROOT} for the empty tree. */
    public Bytes root() {
        return Bytes.wrap(trie.rootHash());
    }

    /** Number of entries. */
    public int size() {
        return trie.size();
    }

    public boolean isEmpty() {
        return trie.size() == 0;
    }

    /** Every entry, ordered by key (unsigned lexicographic); O(n log n). */
    public List<Entry> entries() {
        return trie.leaves().stream()
                .map(leaf -> new Entry(leaf.key, leaf.value))
                .sorted(Comparator.comparing(Entry::key))
                .toList();
    }

    private static void checkKey(Bytes key) {
        Objects.requireNonNull(key, "key");
        if (key.length() > StateRootScheme.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("storage key longer than " + StateRootScheme.MAX_KEY_LENGTH
                    + " bytes: " + key.length());
        }
    }

    /** Equal roots, i.e. the same entries. */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof SparseMerkleTree other
                && other.size() == size()
                && Arrays.equals(other.trie.rootHash(), trie.rootHash());
    }

    @Override
    public int hashCode() {
        byte[] root = trie.rootHash();
        return (root[0] & 0xff) << 24 | (root[1] & 0xff) << 16 | (root[2] & 0xff) << 8 | (root[3] & 0xff);
    }

    @Override
    public String toString() {
        return "SparseMerkleTree[size=" + size() + ", root=" + root() + "]";
    }
}

package io.ecliptica.harness.state;

/**
 * Trie nodes kept outside the Java heap, by hash (content-addressed: a node's key is its hash, so
 * versions of a tree share every unchanged node and writing a node twice is harmless).
 */
interface NodeStore {

    /** The node stored under {@code hash}, decoded for a trie whose leaves {@code hasher} describes. */
    <V> PersistentTrie.Node<V> load(byte[] hash, PersistentTrie.LeafHasher<V> hasher);

    /** Nodes to be written together. */
    interface Batch {
        void put(byte[] hash, byte[] node);
    }
}

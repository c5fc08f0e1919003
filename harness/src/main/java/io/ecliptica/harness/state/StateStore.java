package io.ecliptica.harness.state;

/**
 * Where a replay keeps the world states it runs on (docs/state-root.md §8.1). Both stores give the
 * same roots: they only decide whether the nodes of the trees live on the Java heap or on disk.
 */
public sealed interface StateStore extends AutoCloseable permits StateStore.Memory, RocksStateStore {

    /** The default: every node on the heap, {@link #commit} does nothing. */
    StateStore MEMORY = new Memory();

    /**
     * {@code world}, with every node it holds that the store does not have yet written to the
     * store; the returned world has the same roots and content and, on disk, holds no tree in
     * memory. Called once per engine and block.
     */
    WorldState commit(WorldState world);

    /** {@code memory} or {@code rocksdb:DIR}. */
    String describe();

    @Override
    void close();

    /** The in-memory store. */
    final class Memory implements StateStore {
        private Memory() {
        }

        @Override
        public WorldState commit(WorldState world) {
            return world;
        }

        @Override
        public String describe() {
            return "memory";
        }

        @Override
        public void close() {
        }
    }
}

package io.ecliptica.harness.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * World states whose trie nodes live in an embedded RocksDB (docs/state-root.md §8.1), for chains
 * whose state does not fit in the heap. Content-addressed: a node is stored under its hash, so
 * every version and every engine's state share unchanged nodes, and a state version is just its
 * root reference (keeping an old version, a rollback, stays O(1)). {@link #commit} writes one
 * block's new nodes in one {@link WriteBatch}; reads go through a bounded LRU cache of decoded
 * nodes. Nothing is ever deleted: the database grows by the nodes each block creates, and is
 * thrown away after the run (unless the caller keeps the directory).
 *
 * <p>The write-ahead log is off: the database is scratch space for one run, never reopened.
 * Thread-safe: lanes commit and load concurrently.
 */
public final class RocksStateStore implements StateStore, NodeStore {

    /**
     * Decoded nodes to keep on the heap by default: an eighth of the maximum heap at about 512
     * bytes per decoded node (its references and hashes included), between 4,096 and 131,072
     * nodes. A fixed size would make a small heap spend its time in garbage collection.
     */
    public static int defaultCacheNodes() {
        long nodes = Runtime.getRuntime().maxMemory() / 8 / 512;
        return (int) Math.max(4096, Math.min(1 << 17, nodes));
    }

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final boolean deleteOnClose;
    private final Options options;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final Map<Bytes, PersistentTrie.Node<?>> cache;
    private volatile boolean closed;

    private RocksStateStore(Path dir, boolean deleteOnClose, int cacheNodes) throws IOException {
        this.dir = dir;
        this.deleteOnClose = deleteOnClose;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot open a RocksDB state store in " + dir + ": not a usable directory ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        this.options = new Options().setCreateIfMissing(true);
        this.writeOptions = new WriteOptions().setDisableWAL(true);
        try {
            this.db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            options.close();
            writeOptions.close();
            throw new IOException("cannot open a RocksDB state store in " + dir + ": " + e.getMessage(), e);
        }
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, PersistentTrie.Node<?>> eldest) {
                return size() > cacheNodes;
            }
        };
    }

    /**
     * A store in {@code dir} (created if missing; an existing store's nodes are reused, harmlessly,
     * since they are content-addressed), kept after {@link #close}.
     */
    public static RocksStateStore open(Path dir, int cacheNodes) throws IOException {
        return new RocksStateStore(dir, false, cacheNodes);
    }

    /** A store in a fresh temporary directory, deleted by {@link #close}. */
    public static RocksStateStore temporary(int cacheNodes) throws IOException {
        return new RocksStateStore(Files.createTempDirectory("ecliptica-state-"), true, cacheNodes);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public WorldState commit(WorldState world) {
        checkOpen();
        try (WriteBatch batch = new WriteBatch()) {
            WorldState stored = world.store((hash, node) -> {
                try {
                    batch.put(hash, node);
                } catch (RocksDBException e) {
                    throw failure("write", e);
                }
            }, this);
            if (batch.count() > 0) {
                db.write(writeOptions, batch);
            }
            return stored;
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> PersistentTrie.Node<V> load(byte[] hash, PersistentTrie.LeafHasher<V> hasher) {
        // One cache for both kinds of tree: a node's hash fixes its whole subtree, leaf prefixes
        // included, so a hash found in the world tree is never also a storage-tree node.
        Bytes key = Bytes.wrap(hash);
        PersistentTrie.Node<?> cached;
        synchronized (cache) {
            cached = cache.get(key);
        }
        if (cached != null) {
            return (PersistentTrie.Node<V>) cached;
        }
        checkOpen();
        byte[] stored;
        try {
            stored = db.get(hash);
        } catch (RocksDBException e) {
            throw failure("read", e);
        }
        if (stored == null) {
            throw new IllegalStateException("state store " + dir + " has no node " + key);
        }
        PersistentTrie.Node<V> node = PersistentTrie.decode(hash, stored, hasher, this);
        synchronized (cache) {
            cache.put(key, node);
        }
        return node;
    }

    @Override
    public String describe() {
        return "rocksdb:" + dir;
    }

    /** Approximate bytes on disk (RocksDB's live SST files plus memtables). */
    public long approximateBytes() {
        try {
            return Long.parseLong(db.getProperty("rocksdb.live-sst-files-size"))
                    + Long.parseLong(db.getProperty("rocksdb.cur-size-all-mem-tables"));
        } catch (RocksDBException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true; // a later load fails cleanly instead of touching a freed native handle
        db.close();
        writeOptions.close();
        options.close();
        synchronized (cache) {
            cache.clear();
        }
        if (deleteOnClose) {
            deleteTree(dir);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("state store " + dir + " is closed");
        }
    }

    private IllegalStateException failure(String what, RocksDBException e) {
        return new IllegalStateException("state store " + dir + ": " + what + " failed: " + e.getMessage(), e);
    }

    private static void deleteTree(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete state store " + dir, e);
        }
    }
}

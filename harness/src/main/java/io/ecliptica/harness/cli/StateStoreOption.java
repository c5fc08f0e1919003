package io.ecliptica.harness.cli;

import io.ecliptica.harness.state.RocksStateStore;
import io.ecliptica.harness.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code --state-store} value (docs/state-root.md §8.1): {@code memory} (default),
 * {@code rocksdb} (a temporary directory, deleted at the end) or {@code rocksdb:DIR} (kept).
 */
final class StateStoreOption {
    static final String DESCRIPTION = "memory (default), rocksdb (an embedded RocksDB in a temporary directory, "
            + "deleted at the end) or rocksdb:DIR (kept after the run), for states larger than the heap.";

    private StateStoreOption() {
    }

    /**
     * Opens the store {@code spec} names.
     *
     * @throws IllegalArgumentException for a spec that names no store
     * @throws IOException              when the RocksDB directory cannot be opened
     */
    static StateStore open(String spec) throws IOException {
        check(spec);
        if (spec.equals("memory")) {
            return StateStore.MEMORY;
        }
        try {
            if (spec.equals("rocksdb")) {
                return RocksStateStore.temporary(RocksStateStore.defaultCacheNodes());
            }
            return RocksStateStore.open(Path.of(spec.substring("rocksdb:".length())), RocksStateStore.defaultCacheNodes());
        } catch (LinkageError e) {
            // RocksDB's native library is loaded when the store class initializes (first an
            // ExceptionInInitializerError, then NoClassDefFoundError): the machine, not the input
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new Unavailable("the RocksDB state store cannot be used on this machine (" + cause.getMessage()
                    + "); use --state-store memory");
        }
    }

    /** The store named is valid but cannot run here; exit code 3 like an engine that cannot start. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Checks {@code spec} before anything is opened; an invalid one is an {@link IllegalArgumentException}. */
    static void check(String spec) {
        boolean valid = spec.equals("memory") || spec.equals("rocksdb")
                || (spec.startsWith("rocksdb:") && spec.length() > "rocksdb:".length());
        if (!valid) {
            throw new IllegalArgumentException("--state-store must be memory, rocksdb or rocksdb:DIR, not '" + spec + "'");
        }
    }
}

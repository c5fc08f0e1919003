package io.ecliptica.harness.exec;

import io.ecliptica.engine.CompiledModule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiled modules (or the engine's rejection) by key, least recently used evicted first.
 *
 * <p>Whoever uses a module holds it through {@link Pins} until done with it. A transaction that
 * calls more contracts than the cache holds evicts modules its callers are still running; closing
 * one of those would cancel (GraalWasm) or free (Wasmtime) code under a running call. So an evicted
 * module that is pinned is closed only when its last pin is released.
 */
final class ModuleCache<K> implements AutoCloseable {

    private static final class Entry {
        final Object module;
        int pins;
        boolean evicted;

        Entry(Object module) {
            this.module = module;
        }
    }

    /** The modules one user (a transaction, a signature lookup) holds open; closing releases them. */
    final class Pins implements AutoCloseable {
        private final List<Entry> held = new ArrayList<>();

        @Override
        public void close() {
            synchronized (ModuleCache.this) {
                for (Entry e : held) {
                    e.pins--;
                    if (e.evicted && e.pins == 0) {
                        closeModule(e.module);
                    }
                }
                held.clear();
            }
        }
    }

    private final int capacity;
    private final Map<K, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    ModuleCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    Pins pins() {
        return new Pins();
    }

    /** The cached module for {@code key}, pinned by {@code pins}; null when not cached. */
    synchronized Object get(K key, Pins pins) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        pin(e, pins);
        return e.module;
    }

    /**
     * Caches {@code module} (compiled outside the lock) under {@code key} and pins it. If another
     * user cached one meanwhile, that one is kept and pinned and {@code module} is closed.
     */
    synchronized Object put(K key, Object module, Pins pins) {
        Entry existing = entries.get(key);
        if (existing != null) {
            if (existing.module != module) {
                closeModule(module);
            }
            pin(existing, pins);
            return existing.module;
        }
        Entry e = new Entry(module);
        entries.put(key, e);
        pin(e, pins);
        Iterator<Entry> eldest = entries.values().iterator();
        while (entries.size() > capacity) {
            Entry out = eldest.next();
            eldest.remove();
            out.evicted = true;
            if (out.pins == 0) {
                closeModule(out.module);
            }
        }
        return module;
    }

    /** How many modules are cached now. */
    synchronized int size() {
        return entries.size();
    }

    private void pin(Entry e, Pins pins) {
        e.pins++;
        pins.held.add(e);
    }

    private static void closeModule(Object module) {
        if (module instanceof CompiledModule m) {
            m.close();
        }
    }

    /** Closes every cached module; the owner calls this only after its last call has ended. */
    @Override
    public synchronized void close() {
        entries.values().forEach(e -> closeModule(e.module));
        entries.clear();
    }
}

package io.ecliptica.harness.abi;

import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One contract's storage as one transaction sees it: reads fall through to the committed state,
 * writes stay here until the executor commits them (status ok) or drops them (anything else).
 * A TreeMap keeps the write set in the canonical key order with no sorting step.
 */
public final class StorageOverlay {
    private final Function<Bytes, Optional<Bytes>> committed;
    private final TreeMap<Bytes, Optional<Bytes>> pending = new TreeMap<>();

    public StorageOverlay(Function<Bytes, Optional<Bytes>> committed) {
        this.committed = committed;
    }

    public Optional<Bytes> get(Bytes key) {
        Optional<Bytes> mine = pending.get(key);
        return mine != null ? mine : committed.apply(key);
    }

    public void put(Bytes key, Bytes value) {
        pending.put(key, Optional.of(value));
    }

    /** Removes the key; returns whether it was present as this transaction saw it. */
    public boolean remove(Bytes key) {
        boolean present = get(key).isPresent();
        pending.put(key, Optional.empty());
        return present;
    }

    /** The write set of docs/abi.md §4: each touched key once, in unsigned byte order. */
    public List<StorageWrite> writeSet() {
        List<StorageWrite> out = new ArrayList<>(pending.size());
        for (Map.Entry<Bytes, Optional<Bytes>> e : pending.entrySet()) {
            out.add(new StorageWrite(e.getKey(), e.getValue()));
        }
        return out;
    }
}

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
 * A TreeMap keeps the write set in the canonical key order with no sorting step. Inside a
 * {@link TransactionJournal} every change is also logged so a failed nested call can undo it.
 */
public final class StorageOverlay {
    private final Bytes address;
    private final Function<Bytes, Optional<Bytes>> committed;
    private final TransactionJournal journal;
    private final TreeMap<Bytes, Optional<Bytes>> pending = new TreeMap<>();

    /** A stand-alone overlay of the contract at {@code address}, with no journal. */
    public StorageOverlay(Bytes address, Function<Bytes, Optional<Bytes>> committed) {
        this(address, committed, null);
    }

    StorageOverlay(Bytes address, Function<Bytes, Optional<Bytes>> committed, TransactionJournal journal) {
        this.address = address;
        this.committed = committed;
        this.journal = journal;
    }

    public Bytes address() {
        return address;
    }

    public Optional<Bytes> get(Bytes key) {
        Optional<Bytes> mine = pending.get(key);
        return mine != null ? mine : committed.apply(key);
    }

    public void put(Bytes key, Bytes value) {
        change(key, Optional.of(value));
    }

    /** Removes the key; returns whether it was present as this transaction saw it. */
    public boolean remove(Bytes key) {
        boolean present = get(key).isPresent();
        change(key, Optional.empty());
        return present;
    }

    private void change(Bytes key, Optional<Bytes> value) {
        Optional<Bytes> before = pending.put(key, value);
        if (journal != null) {
            journal.logged(this, key, before);
        }
    }

    /** Puts back what {@code key} was pending as before a logged change (null: not touched). */
    void undo(Bytes key, Optional<Bytes> before) {
        if (before == null) {
            pending.remove(key);
        } else {
            pending.put(key, before);
        }
    }

    /** The write set of docs/abi.md §4: each touched key once, in unsigned byte order. */
    public List<StorageWrite> writeSet() {
        List<StorageWrite> out = new ArrayList<>(pending.size());
        for (Map.Entry<Bytes, Optional<Bytes>> e : pending.entrySet()) {
            out.add(new StorageWrite(address, e.getKey(), e.getValue()));
        }
        return out;
    }
}

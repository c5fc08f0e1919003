package io.ecliptica.harness.abi;

import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Everything one transaction changed before it is committed: one storage overlay per contract
 * (a re-entrant call A → B → A sees A's pending writes, since there is only one overlay of A) and
 * the events in emission order, with an undo log so a nested call that does not end ok can be
 * rolled back to where it started (docs/abi.md §6). Confined to the thread running the transaction.
 */
public final class TransactionJournal {

    /** Where a nested call started: the undo log's length and the number of events. */
    public record Checkpoint(int changes, int events) {
    }

    private record Change(StorageOverlay overlay, Bytes key, Optional<Bytes> before) {
    }

    private final BiFunction<Bytes, Bytes, Optional<Bytes>> committed;
    private final TreeMap<Bytes, StorageOverlay> overlays = new TreeMap<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Change> log = new ArrayList<>();
    private long sealed;

    /** @param committed the committed value of (contract address, key), as before the transaction */
    public TransactionJournal(BiFunction<Bytes, Bytes, Optional<Bytes>> committed) {
        this.committed = committed;
    }

    /** The storage of the contract at {@code address}; the only storage that contract's calls see. */
    public StorageOverlay storage(Bytes address) {
        return overlays.computeIfAbsent(address,
                a -> new StorageOverlay(a, key -> committed.apply(a, key), this));
    }

    public void emit(Event event) {
        events.add(event);
    }

    public int eventCount() {
        return events.size();
    }

    /** The events kept so far, in emission order. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    public Checkpoint checkpoint() {
        return new Checkpoint(log.size(), events.size());
    }

    /** Undoes every storage change and drops every event since {@code c}. */
    public void rollback(Checkpoint c) {
        for (int i = log.size() - 1; i >= c.changes(); i--) {
            Change ch = log.remove(i);
            ch.overlay().undo(ch.key(), ch.before());
        }
        events.subList(c.events(), events.size()).clear();
    }

    /**
     * The next {@code crypto_seal_to_caller} envelope's number in this transaction, counted across
     * all its contracts and never rolled back, so no two envelopes share an output index.
     */
    long nextSealedIndex() {
        return sealed++;
    }

    void logged(StorageOverlay overlay, Bytes key, Optional<Bytes> before) {
        log.add(new Change(overlay, key, before));
    }

    /** The write set of the transaction: ordered by (contract address, key), each touched key once. */
    public List<StorageWrite> writeSet() {
        List<StorageWrite> out = new ArrayList<>();
        overlays.values().forEach(o -> out.addAll(o.writeSet()));
        return out;
    }
}

package io.ecliptica.harness.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docs/abi.md §6 "State": one overlay per contract, checkpoints and rollback of nested calls. */
class TransactionJournalTest {
    private static final Bytes A = Bytes.fromHex("0x" + "00".repeat(31) + "0a");
    private static final Bytes B = Bytes.fromHex("0x" + "00".repeat(31) + "0b");
    private static final Bytes K = Bytes.utf8("k");

    /** Committed state: A holds k = "committed"; nothing else. */
    private final TransactionJournal journal = new TransactionJournal(
            (address, key) -> address.equals(A) && key.equals(K) ? Optional.of(Bytes.utf8("committed")) : Optional.empty());

    @Test
    void eachContractSeesOnlyItsOwnStorageAndTheSameOverlayEveryTime() {
        assertSame(journal.storage(A), journal.storage(A), "a re-entrant call of A shares A's pending writes");
        journal.storage(B).put(K, Bytes.utf8("b's"));
        assertEquals(Optional.of(Bytes.utf8("committed")), journal.storage(A).get(K));
        assertEquals(Optional.of(Bytes.utf8("b's")), journal.storage(B).get(K));
    }

    @Test
    void theWriteSetIsOrderedByAddressThenKey() {
        journal.storage(B).put(Bytes.utf8("a"), Bytes.utf8("1"));
        journal.storage(A).put(Bytes.utf8("z"), Bytes.utf8("2"));
        journal.storage(A).remove(Bytes.utf8("b"));
        assertEquals(List.of(StorageWrite.deleted(A, Bytes.utf8("b")), StorageWrite.set(A, Bytes.utf8("z"), Bytes.utf8("2")),
                StorageWrite.set(B, Bytes.utf8("a"), Bytes.utf8("1"))), journal.writeSet());
    }

    @Test
    void rollbackRestoresEveryKeyAsItWasAtTheCheckpointAndDropsLaterEvents() {
        journal.storage(A).put(K, Bytes.utf8("outer"));
        journal.emit(new Event(A, Bytes.utf8("t1"), Bytes.EMPTY));
        TransactionJournal.Checkpoint cp = journal.checkpoint();
        journal.storage(A).put(K, Bytes.utf8("inner")); // overwrites a pending value
        journal.storage(A).put(K, Bytes.utf8("inner2")); // twice
        journal.storage(B).put(K, Bytes.utf8("new")); // a key first touched after the checkpoint
        journal.storage(A).remove(Bytes.utf8("x"));
        journal.emit(new Event(B, Bytes.utf8("t2"), Bytes.EMPTY));
        journal.rollback(cp);
        assertEquals(Optional.of(Bytes.utf8("outer")), journal.storage(A).get(K));
        assertEquals(Optional.empty(), journal.storage(B).get(K));
        assertEquals(List.of(StorageWrite.set(A, K, Bytes.utf8("outer"))), journal.writeSet(),
                "keys first touched after the checkpoint are no longer written at all");
        assertEquals(List.of(new Event(A, Bytes.utf8("t1"), Bytes.EMPTY)), journal.events());
    }

    @Test
    void anInnerRollbackKeepsWhatTheMiddleCallDid() {
        TransactionJournal.Checkpoint middle = journal.checkpoint();
        journal.storage(B).put(K, Bytes.utf8("middle"));
        TransactionJournal.Checkpoint inner = journal.checkpoint();
        journal.storage(B).remove(K);
        journal.emit(new Event(A, Bytes.utf8("inner"), Bytes.EMPTY));
        journal.rollback(inner);
        assertEquals(Optional.of(Bytes.utf8("middle")), journal.storage(B).get(K));
        assertEquals(0, journal.eventCount());
        journal.rollback(middle);
        assertEquals(List.of(), journal.writeSet());
    }

    @Test
    void sealedEnvelopeNumbersAreNeverReusedAfterARollback() {
        TransactionJournal.Checkpoint cp = journal.checkpoint();
        assertEquals(0, journal.nextSealedIndex());
        journal.rollback(cp);
        assertEquals(1, journal.nextSealedIndex());
    }
}

package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The RocksDB store gives the in-memory store's roots after every operation, whatever is stored
 * and whatever is still in memory, and reads back exactly what was written (docs/state-root.md §8.1).
 */
class RocksStateStoreTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomOperationsGiveTheInMemoryRootsAfterEveryStep(long seed) throws Exception {
        // a cache of 8 nodes: nearly every load goes to RocksDB and decodes the stored bytes
        try (RocksStateStore store = RocksStateStore.open(tmp.resolve("db"), 8)) {
            Random random = new Random(seed);
            List<Bytes> addresses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                addresses.add(WorldStateTest.address(i));
            }
            List<Bytes> keys = KeyPools.mixed(random);
            WorldState memory = WorldState.empty();
            WorldState disk = WorldState.empty();
            List<WorldState[]> kept = new ArrayList<>();
            int commits = 0;
            for (int step = 0; step < 400; step++) {
                Bytes address = addresses.get(random.nextInt(addresses.size()));
                int op = random.nextInt(20);
                Bytes key = keys.get(random.nextInt(keys.size()));
                if (op < 2 || !memory.hasAccount(address)) {
                    Bytes code = WorldStateTest.code(random);
                    memory = memory.withAccount(address, code);
                    disk = disk.withAccount(address, code);
                } else if (op == 2) {
                    memory = memory.withoutAccount(address);
                    disk = disk.withoutAccount(address);
                } else if (op < 13) {
                    Bytes value = KeyPools.randomValue(random);
                    memory = memory.withStorage(address, key, value);
                    disk = disk.withStorage(address, key, value);
                } else {
                    // removals are frequent, so stored siblings are pulled up into new branches
                    memory = memory.withoutStorage(address, key);
                    disk = disk.withoutStorage(address, key);
                }
                if (random.nextInt(6) == 0) {
                    disk = store.commit(disk); // a block boundary
                    commits++;
                }
                assertEquals(memory.stateRoot(), disk.stateRoot(), "state root at step " + step);
                assertEquals(memory.accountCount(), disk.accountCount(), "accounts at step " + step);
                assertEquals(memory.storageValue(address, key), disk.storageValue(address, key), "value at step " + step);
                if (memory.hasAccount(address)) {
                    assertEquals(memory.storageRoot(address), disk.storageRoot(address), "storage root at step " + step);
                    assertEquals(memory.account(address).get().storage().size(),
                            disk.account(address).get().storage().size(), "storage entries at step " + step);
                }
                if (step % 40 == 0) {
                    kept.add(new WorldState[] {memory, disk});
                }
            }
            assertTrue(commits > 40, "committed " + commits + " times");
            disk = store.commit(disk);
            assertSameContent(memory, disk);
            // old versions (rollback points), stored or not, keep their content after later commits
            for (WorldState[] version : kept) {
                assertSameContent(version[0], version[1]);
            }
        }
    }

    /** Content read back through the store, and its root recomputed from scratch by the test's own model. */
    private static void assertSameContent(WorldState memory, WorldState disk) {
        List<Account> expected = memory.accounts();
        List<Account> actual = disk.accounts();
        assertEquals(expected.size(), actual.size());
        Map<Bytes, ReferenceModel.Contract> world = new TreeMap<>();
        for (int i = 0; i < expected.size(); i++) {
            Account e = expected.get(i);
            Account a = actual.get(i);
            assertEquals(e.address(), a.address());
            assertEquals(e.codeHash(), a.codeHash());
            assertEquals(e.storage().entries(), a.storage().entries(), "storage of " + a.address());
            TreeMap<Bytes, Bytes> storage = new TreeMap<>();
            a.storage().entries().forEach(entry -> storage.put(entry.key(), entry.value()));
            world.put(a.address(), new ReferenceModel.Contract(a.codeHash(), storage));
        }
        assertEquals(ReferenceModel.hex(ReferenceModel.worldRoot(world)), disk.stateRoot().toHex());
        assertEquals(memory.stateRoot(), disk.stateRoot());
    }

    @Test
    void aCommittedWorldLivesInTheStoreNotOnTheHeap() throws Exception {
        Bytes address = WorldStateTest.address(1);
        WorldState world = WorldState.empty().withAccount(address, WorldStateTest.code(new Random(9)));
        for (int i = 0; i < 200; i++) {
            world = world.withStorage(address, Bytes.utf8("key-" + i), Bytes.utf8("value-" + i));
        }
        RocksStateStore store = RocksStateStore.temporary(1024);
        Path dir = store.dir();
        WorldState stored;
        try {
            stored = store.commit(world);
            assertEquals(world.stateRoot(), stored.stateRoot());
            assertEquals(Bytes.utf8("value-17"), stored.storageValue(address, Bytes.utf8("key-17")).orElseThrow());
            assertTrue(store.approximateBytes() > 200 * 65, "bytes in the store: " + store.approximateBytes());
        } finally {
            store.close(); // also when an assertion fails, so no temporary directory is left behind
        }
        assertFalse(Files.exists(dir), "a temporary store is deleted on close");
        // the stored world has no nodes in memory: reading it now must fail, cleanly
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> stored.storageValue(address, Bytes.utf8("key-18")));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        // the in-memory original is untouched
        assertEquals(Bytes.utf8("value-18"), world.storageValue(address, Bytes.utf8("key-18")).orElseThrow());
    }

    @Test
    void aPathThatIsNotADirectoryIsRefusedWithAMessage() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain-file"), "not a database");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> RocksStateStore.open(file, 64));
        assertTrue(e.getMessage().startsWith("cannot open a RocksDB state store in " + file), e.getMessage());
    }

    @Test
    void aNamedDirectoryIsKeptAndCommittingAStoredWorldAgainWritesNothingNew() throws Exception {
        Path dir = tmp.resolve("kept");
        Bytes address = WorldStateTest.address(2);
        try (RocksStateStore store = RocksStateStore.open(dir, 64)) {
            WorldState world = store.commit(WorldState.empty().withAccount(address, WorldStateTest.code(new Random(3)))
                    .withStorage(address, Bytes.utf8("k"), Bytes.utf8("v")));
            WorldState again = store.commit(world);
            assertSame(world, again, "a stored world is already in the store");
            WorldState changed = store.commit(again.withStorage(address, Bytes.utf8("k"), Bytes.utf8("w")));
            assertNotEquals(world.stateRoot(), changed.stateRoot());
            assertEquals(Bytes.utf8("v"), world.storageValue(address, Bytes.utf8("k")).orElseThrow(), "old version");
            assertEquals(Bytes.utf8("w"), changed.storageValue(address, Bytes.utf8("k")).orElseThrow());
        }
        assertTrue(Files.isDirectory(dir), "rocksdb:DIR is kept");
    }
}

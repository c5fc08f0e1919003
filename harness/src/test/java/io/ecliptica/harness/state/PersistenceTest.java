package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Old versions are snapshots: updates never change them. */
class PersistenceTest {

    @Test
    void everyOldTreeVersionKeepsItsContentAndRoot() {
        Random random = new Random(7);
        List<Bytes> pool = KeyPools.mixed(random);
        List<SparseMerkleTree> versions = new ArrayList<>();
        List<TreeMap<Bytes, Bytes>> models = new ArrayList<>();
        SparseMerkleTree tree = SparseMerkleTree.empty();
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        for (int step = 0; step < 200; step++) {
            versions.add(tree);
            models.add(new TreeMap<>(model));
            Bytes key = pool.get(random.nextInt(pool.size()));
            if (random.nextInt(3) == 0) {
                tree = tree.remove(key);
                model.remove(key);
            } else {
                Bytes value = KeyPools.randomValue(random);
                tree = tree.put(key, value);
                model.put(key, value);
            }
            if (step % 3 == 0) {
                tree.root(); // hash some versions eagerly, leave others to be hashed after later updates
            }
        }
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(SparseMerkleTreePropertyTest.entries(models.get(i)), versions.get(i).entries(), "version " + i);
            assertEquals(ReferenceModel.hex(ReferenceModel.storageRoot(models.get(i))), versions.get(i).root().toHex(),
                    "version " + i);
        }
    }

    @Test
    void worldSnapshotsSurviveUpdatesOfTheirCopies() {
        Bytes a = WorldStateTest.address(1);
        Bytes b = WorldStateTest.address(2);
        Bytes code = StateRootScheme.codeHash(new byte[] {0x00, 0x61, 0x73, 0x6d});
        WorldState base = WorldState.empty().withAccount(a, code).withAccount(b, code)
                .withStorage(a, Bytes.utf8("k"), Bytes.utf8("v0"));
        Bytes baseRoot = base.stateRoot();

        // two engines get "copies" of the same state and diverge
        WorldState engine1 = base.withStorage(a, Bytes.utf8("k"), Bytes.utf8("v1"));
        WorldState engine2 = base.withoutStorage(a, Bytes.utf8("k")).withStorage(b, Bytes.utf8("x"), Bytes.EMPTY);
        // a failed transaction is rolled back by keeping the previous version
        WorldState beforeTx = engine1;
        WorldState failedTx = engine1.withStorage(a, Bytes.utf8("k"), Bytes.utf8("garbage")).withoutAccount(b);
        assertNotEquals(beforeTx.stateRoot(), failedTx.stateRoot());

        assertEquals(baseRoot, base.stateRoot());
        assertEquals(Optional.of(Bytes.utf8("v0")), base.storageValue(a, Bytes.utf8("k")));
        assertEquals(Optional.empty(), base.storageValue(b, Bytes.utf8("x")));
        assertEquals(Optional.of(Bytes.utf8("v1")), engine1.storageValue(a, Bytes.utf8("k")));
        assertEquals(Optional.empty(), engine2.storageValue(a, Bytes.utf8("k")));
        assertEquals(Optional.of(Bytes.EMPTY), engine2.storageValue(b, Bytes.utf8("x")));
        assertEquals(2, beforeTx.accountCount());

        Map<Bytes, ReferenceModel.Contract> expected1 = new TreeMap<>();
        expected1.put(a, new ReferenceModel.Contract(code, Map.of(Bytes.utf8("k"), Bytes.utf8("v1"))));
        expected1.put(b, new ReferenceModel.Contract(code, Map.of()));
        assertEquals(ReferenceModel.hex(ReferenceModel.worldRoot(expected1)), beforeTx.stateRoot().toHex());

        Map<Bytes, ReferenceModel.Contract> expected2 = new TreeMap<>();
        expected2.put(a, new ReferenceModel.Contract(code, Map.of()));
        expected2.put(b, new ReferenceModel.Contract(code, Map.of(Bytes.utf8("x"), Bytes.EMPTY)));
        assertEquals(ReferenceModel.hex(ReferenceModel.worldRoot(expected2)), engine2.stateRoot().toHex());
    }

    @Test
    void accountStorageTreesAreSnapshotsToo() {
        Bytes a = WorldStateTest.address(3);
        WorldState w1 = WorldState.empty().withAccount(a, StateRootScheme.codeHash(new byte[0]))
                .withStorage(a, Bytes.utf8("k"), Bytes.utf8("1"));
        SparseMerkleTree storage1 = w1.account(a).orElseThrow().storage();
        WorldState w2 = w1.withStorage(a, Bytes.utf8("k"), Bytes.utf8("2"));
        assertEquals(Optional.of(Bytes.utf8("1")), storage1.get(Bytes.utf8("k")));
        assertEquals(Optional.of(Bytes.utf8("2")), w2.account(a).orElseThrow().storage().get(Bytes.utf8("k")));
        assertEquals(storage1.root(), w1.storageRoot(a));
    }
}

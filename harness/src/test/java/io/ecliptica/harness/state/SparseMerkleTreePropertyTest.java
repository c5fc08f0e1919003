package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Random put/remove sequences (seeded {@link Random}) checked after every step against a TreeMap
 * model and the from-scratch recursive definition in {@link ReferenceModel}.
 */
class SparseMerkleTreePropertyTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void incrementalRootEqualsRecursiveDefinitionAfterEveryStep(long seed) {
        Random random = new Random(seed);
        List<Bytes> pool = KeyPools.mixed(random);
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        SparseMerkleTree tree = SparseMerkleTree.empty();
        int overwrites = 0;
        int absentRemovals = 0;
        for (int step = 0; step < 300; step++) {
            Bytes key = pool.get(random.nextInt(pool.size()));
            if (random.nextInt(10) < 6) {
                Bytes value = KeyPools.randomValue(random);
                overwrites += model.containsKey(key) ? 1 : 0;
                tree = tree.put(key, value);
                model.put(key, value);
            } else {
                absentRemovals += model.containsKey(key) ? 0 : 1;
                tree = tree.remove(key);
                model.remove(key);
            }
            assertEquals(model.size(), tree.size(), "size at step " + step);
            assertEquals(Optional.ofNullable(model.get(key)), tree.get(key), "get at step " + step);
            assertEquals(ReferenceModel.hex(ReferenceModel.storageRoot(model)), tree.root().toHex(), "root at step " + step);
        }
        assertTrue(overwrites > 0 && absentRemovals > 0, "the sequence exercised overwrites and absent removals");
        assertEquals(entries(model), tree.entries());

        // the same final map, inserted in a shuffled order, has the same root
        List<Map.Entry<Bytes, Bytes>> shuffled = new ArrayList<>(model.entrySet());
        Collections.shuffle(shuffled, random);
        SparseMerkleTree rebuilt = SparseMerkleTree.empty();
        for (Map.Entry<Bytes, Bytes> e : shuffled) {
            rebuilt = rebuilt.put(e.getKey(), e.getValue());
        }
        assertEquals(tree.root(), rebuilt.root());
        assertEquals(tree, rebuilt);

        // removing everything (in another order) gives the empty root
        Collections.shuffle(shuffled, random);
        for (Map.Entry<Bytes, Bytes> e : shuffled) {
            tree = tree.remove(e.getKey());
        }
        assertEquals(0, tree.size());
        assertEquals(StateRootScheme.EMPTY_ROOT, tree.root());
        assertEquals(List.of(), tree.entries());
    }

    @Test
    void largerRandomTreesMatchTheDefinition() {
        Random random = new Random(42);
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        SparseMerkleTree tree = SparseMerkleTree.empty();
        for (int i = 0; i < 3000; i++) {
            byte[] key = new byte[random.nextInt(6)];
            random.nextBytes(key);
            Bytes k = Bytes.of(key);
            if (random.nextInt(4) == 0) {
                tree = tree.remove(k);
                model.remove(k);
            } else {
                Bytes v = KeyPools.randomValue(random);
                tree = tree.put(k, v);
                model.put(k, v);
            }
            if (i % 500 == 499) {
                assertEquals(ReferenceModel.hex(ReferenceModel.storageRoot(model)), tree.root().toHex(), "after op " + i);
            }
        }
        assertEquals(entries(model), tree.entries());
    }

    @Test
    void deepSharedPrefixChainsCollapseOnRemoval() {
        // 4 keys whose paths share 16 bits: a chain of single-child branches above them
        List<Bytes> keys = KeyPools.sharedPathPrefix(16, 4, 0);
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        SparseMerkleTree tree = SparseMerkleTree.empty().put(Bytes.utf8("other"), Bytes.utf8("x"));
        model.put(Bytes.utf8("other"), Bytes.utf8("x"));
        for (Bytes key : keys) {
            tree = tree.put(key, key);
            model.put(key, key);
            assertEquals(ReferenceModel.hex(ReferenceModel.storageRoot(model)), tree.root().toHex());
        }
        for (Bytes key : keys) {
            tree = tree.remove(key);
            model.remove(key);
            assertEquals(ReferenceModel.hex(ReferenceModel.storageRoot(model)), tree.root().toHex());
        }
        // only "other" is left: the root is its leaf hash, as for a one-entry tree
        assertEquals(SparseMerkleTree.empty().put(Bytes.utf8("other"), Bytes.utf8("x")).root(), tree.root());
    }

    @Test
    void emptyValueIsAValueAndEmptyKeyIsAKey() {
        SparseMerkleTree withEmptyValue = SparseMerkleTree.empty().put(Bytes.utf8("k"), Bytes.EMPTY);
        assertEquals(Optional.of(Bytes.EMPTY), withEmptyValue.get(Bytes.utf8("k")));
        assertFalse(withEmptyValue.root().equals(StateRootScheme.EMPTY_ROOT));
        SparseMerkleTree withEmptyKey = SparseMerkleTree.empty().put(Bytes.EMPTY, Bytes.utf8("v"));
        assertEquals(Optional.of(Bytes.utf8("v")), withEmptyKey.get(Bytes.EMPTY));
        assertEquals(ReferenceModel.hex(ReferenceModel.storageRoot(Map.of(Bytes.EMPTY, Bytes.utf8("v")))),
                withEmptyKey.root().toHex());
    }

    @Test
    void unchangedWritesAndAbsentRemovalsReturnTheSameTree() {
        SparseMerkleTree tree = SparseMerkleTree.empty().put(Bytes.utf8("a"), Bytes.utf8("1"));
        assertSame(tree, tree.put(Bytes.utf8("a"), Bytes.utf8("1")));
        assertSame(tree, tree.remove(Bytes.utf8("b")));
        assertSame(SparseMerkleTree.empty(), SparseMerkleTree.empty().remove(Bytes.utf8("b")));
    }

    @Test
    void limits() {
        Bytes maxKey = Bytes.of(new byte[StateRootScheme.MAX_KEY_LENGTH]);
        Bytes maxValue = Bytes.of(new byte[StateRootScheme.MAX_VALUE_LENGTH]);
        SparseMerkleTree tree = SparseMerkleTree.empty().put(maxKey, maxValue);
        assertEquals(Optional.of(maxValue), tree.get(maxKey));
        assertEquals(ReferenceModel.hex(ReferenceModel.storageRoot(Map.of(maxKey, maxValue))), tree.root().toHex());
        Bytes longKey = Bytes.of(new byte[StateRootScheme.MAX_KEY_LENGTH + 1]);
        Bytes longValue = Bytes.of(new byte[StateRootScheme.MAX_VALUE_LENGTH + 1]);
        assertThrows(IllegalArgumentException.class, () -> tree.put(longKey, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> tree.put(Bytes.EMPTY, longValue));
        assertEquals(Optional.empty(), tree.get(longKey));
        assertSame(tree, tree.remove(longKey));
    }

    @Test
    void entriesAreSortedByKeyNotByPath() {
        SparseMerkleTree tree = SparseMerkleTree.empty();
        for (int i = 0; i < 50; i++) {
            tree = tree.put(Bytes.of((byte) (i * 37)), Bytes.of((byte) i));
        }
        List<SparseMerkleTree.Entry> entries = tree.entries();
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i - 1).key().compareTo(entries.get(i).key()) < 0);
        }
        assertEquals(50, entries.size());
    }

    static List<SparseMerkleTree.Entry> entries(TreeMap<Bytes, Bytes> model) {
        return model.entrySet().stream().map(e -> new SparseMerkleTree.Entry(e.getKey(), e.getValue())).toList();
    }
}

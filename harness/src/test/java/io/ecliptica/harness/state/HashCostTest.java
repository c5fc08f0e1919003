package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * An update costs O(log n) SHA-256 computations, counted by {@link Sha256#count()} (per thread).
 * For n = 100,000 random paths the updated leaf sits at depth about log2(n) = 17 (rarely above
 * 40), so one update plus the new root costs: 1 (path) + 2 (value hash, leaf hash) + depth. A
 * rebuild would cost more than 2n = 200,000.
 */
class HashCostTest {

    static final int N = 100_000;
    static final long BUDGET = 64;

    static Bytes key(int i) {
        return Bytes.of(ByteBuffer.allocate(4).putInt(i).array());
    }

    @Test
    void oneUpdateOfALargeTreeHashesLogarithmicallyManyNodes() {
        SparseMerkleTree tree = SparseMerkleTree.empty();
        for (int i = 0; i < N; i++) {
            tree = tree.put(key(i), key(i));
        }
        long before = Sha256.count();
        Bytes root = tree.root();
        long fullCost = Sha256.count() - before;
        assertTrue(fullCost > 2L * N, "the first root hashes every node: " + fullCost);

        before = Sha256.count();
        assertEquals(root, tree.root());
        assertEquals(0, Sha256.count() - before, "the root is cached");

        long[] costs = new long[4];
        before = Sha256.count();
        SparseMerkleTree inserted = tree.put(key(N), Bytes.utf8("new"));
        inserted.root();
        costs[0] = Sha256.count() - before;

        before = Sha256.count();
        SparseMerkleTree overwritten = tree.put(key(N / 2), Bytes.utf8("changed"));
        overwritten.root();
        costs[1] = Sha256.count() - before;

        before = Sha256.count();
        SparseMerkleTree removed = tree.remove(key(12345));
        removed.root();
        costs[2] = Sha256.count() - before;

        before = Sha256.count();
        tree.get(key(777));
        costs[3] = Sha256.count() - before;

        for (int i = 0; i < 3; i++) {
            assertTrue(costs[i] <= BUDGET, "update " + i + " cost " + costs[i] + " hashes");
            assertTrue(costs[i] >= 10, "update " + i + " hashed its path: " + costs[i]);
        }
        assertEquals(1, costs[3], "a lookup hashes only the key");
        assertEquals(N + 1, inserted.size());
        assertEquals(N, overwritten.size());
        assertEquals(N - 1, removed.size());
        // the original is untouched
        assertEquals(root, tree.root());
    }

    @Test
    void oneStorageWriteInALargeWorldHashesLogarithmicallyManyNodes() {
        Bytes code = StateRootScheme.codeHash(new byte[0]);
        WorldState world = WorldState.empty();
        for (int i = 0; i < 2_000; i++) {
            byte[] address = new byte[32];
            ByteBuffer.wrap(address).putInt(i);
            world = world.withAccount(Bytes.of(address), code);
        }
        Bytes big = Bytes.of(new byte[32]); // address of account 0
        for (int i = 0; i < N; i++) {
            world = world.withStorage(big, key(i), key(i));
        }
        world.stateRoot();
        long before = Sha256.count();
        WorldState updated = world.withStorage(big, key(N / 3), Bytes.utf8("changed"));
        updated.stateRoot();
        long cost = Sha256.count() - before;
        // storage: path + value hash + leaf + ~17 nodes; world: path + value hash + leaf + ~11 nodes
        assertTrue(cost <= 2 * BUDGET, "cost " + cost + " hashes");
        assertTrue(cost >= 20, "cost " + cost + " hashes");
    }
}

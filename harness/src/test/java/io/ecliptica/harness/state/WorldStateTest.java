package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorldStateTest {

    static Bytes address(int i) {
        byte[] a = new byte[32];
        a[0] = (byte) (i * 31);
        a[31] = (byte) i;
        return Bytes.of(a);
    }

    static Bytes code(Random random) {
        byte[] c = new byte[32];
        random.nextBytes(c);
        return Bytes.of(c);
    }

    /** Reference world: address -> (codeHash, storage) in mutable maps. */
    static Map<Bytes, ReferenceModel.Contract> copy(TreeMap<Bytes, Bytes> codes, Map<Bytes, TreeMap<Bytes, Bytes>> storages) {
        Map<Bytes, ReferenceModel.Contract> world = new TreeMap<>();
        codes.forEach((a, c) -> world.put(a, new ReferenceModel.Contract(c, storages.get(a))));
        return world;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void incrementalStateRootEqualsRecursiveDefinition(long seed) {
        Random random = new Random(seed);
        List<Bytes> addresses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            addresses.add(address(i));
        }
        List<Bytes> keys = KeyPools.mixed(random);
        TreeMap<Bytes, Bytes> codes = new TreeMap<>();
        Map<Bytes, TreeMap<Bytes, Bytes>> storages = new TreeMap<>();
        WorldState world = WorldState.empty();
        for (int step = 0; step < 250; step++) {
            Bytes address = addresses.get(random.nextInt(addresses.size()));
            int op = random.nextInt(20);
            if (op < 3 || !codes.containsKey(address)) {
                Bytes code = code(random);
                world = world.withAccount(address, code);
                codes.put(address, code);
                storages.computeIfAbsent(address, a -> new TreeMap<>());
            } else if (op == 3) {
                world = world.withoutAccount(address);
                codes.remove(address);
                storages.remove(address);
            } else if (op < 14) {
                Bytes key = keys.get(random.nextInt(keys.size()));
                Bytes value = KeyPools.randomValue(random);
                world = world.withStorage(address, key, value);
                storages.get(address).put(key, value);
            } else {
                Bytes key = keys.get(random.nextInt(keys.size()));
                world = world.withoutStorage(address, key);
                storages.get(address).remove(key);
            }
            assertEquals(codes.size(), world.accountCount());
            assertEquals(ReferenceModel.hex(ReferenceModel.worldRoot(copy(codes, storages))), world.stateRoot().toHex(),
                    "state root at step " + step);
            if (codes.containsKey(address)) {
                assertEquals(ReferenceModel.hex(ReferenceModel.storageRoot(storages.get(address))),
                        world.storageRoot(address).toHex());
            }
        }
        // accounts() is ordered by address and carries the right content
        List<Account> accounts = world.accounts();
        assertEquals(new ArrayList<>(codes.keySet()), accounts.stream().map(Account::address).toList());
        for (Account account : accounts) {
            assertEquals(codes.get(account.address()), account.codeHash());
            assertEquals(SparseMerkleTreePropertyTest.entries(storages.get(account.address())), account.storage().entries());
        }
        // same accounts inserted in another order: same root
        List<Account> shuffled = new ArrayList<>(accounts);
        Collections.shuffle(shuffled, random);
        WorldState rebuilt = WorldState.empty();
        for (Account account : shuffled) {
            rebuilt = rebuilt.withAccount(account);
        }
        assertEquals(world.stateRoot(), rebuilt.stateRoot());
        // removing every account gives the empty root
        for (Account account : shuffled) {
            world = world.withoutAccount(account.address());
        }
        assertEquals(StateRootScheme.EMPTY_ROOT, world.stateRoot());
        assertEquals(0, world.accountCount());
    }

    @Test
    void withAccountKeepsStorageOfAnExistingAccount() {
        Bytes a = address(1);
        Bytes code1 = StateRootScheme.codeHash(new byte[] {1});
        Bytes code2 = StateRootScheme.codeHash(new byte[] {2});
        WorldState world = WorldState.empty().withAccount(a, code1).withStorage(a, Bytes.utf8("k"), Bytes.utf8("v"));
        WorldState upgraded = world.withAccount(a, code2);
        assertEquals(Optional.of(Bytes.utf8("v")), upgraded.storageValue(a, Bytes.utf8("k")));
        assertEquals(code2, upgraded.account(a).orElseThrow().codeHash());
        assertSame(world, world.withAccount(a, code1));
    }

    @Test
    void storageWithoutAnAccountIsRejected() {
        WorldState world = WorldState.empty();
        Bytes a = address(1);
        assertThrows(IllegalArgumentException.class, () -> world.withStorage(a, Bytes.EMPTY, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> world.withoutStorage(a, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> world.storageRoot(a));
        assertEquals(Optional.empty(), world.storageValue(a, Bytes.EMPTY));
        assertEquals(Optional.empty(), world.account(a));
    }

    @Test
    void addressesAndCodeHashesAre32Bytes() {
        Bytes code = StateRootScheme.codeHash(new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> WorldState.empty().withAccount(Bytes.of(new byte[31]), code));
        assertThrows(IllegalArgumentException.class, () -> WorldState.empty().withAccount(Bytes.of(new byte[33]), code));
        assertThrows(IllegalArgumentException.class, () -> WorldState.empty().withAccount(address(1), Bytes.of(new byte[31])));
        assertThrows(IllegalArgumentException.class, () -> new Account(address(1), Bytes.EMPTY));
    }

    @Test
    void accountLeavesAreDomainSeparatedFromStorageLeaves() {
        // A world with one account and a storage tree with one entry whose key is the address and whose
        // value is codeHash || storageRoot: same path and same value hash, different leaf prefix.
        Bytes a = address(5);
        Bytes code = StateRootScheme.codeHash(new byte[] {5});
        WorldState world = WorldState.empty().withAccount(a, code);
        SparseMerkleTree lookalike = SparseMerkleTree.empty().put(a, code.concat(StateRootScheme.EMPTY_ROOT));
        byte[] path = ReferenceModel.sha256(a.toByteArray());
        byte[] valueHash = ReferenceModel.sha256(code.toByteArray(), new byte[32]);
        assertEquals(ReferenceModel.hex(ReferenceModel.sha256(new byte[] {2}, path, valueHash)), world.stateRoot().toHex());
        assertEquals(ReferenceModel.hex(ReferenceModel.sha256(new byte[] {0}, path, valueHash)), lookalike.root().toHex());
        assertTrue(!world.stateRoot().equals(lookalike.root()));
    }
}

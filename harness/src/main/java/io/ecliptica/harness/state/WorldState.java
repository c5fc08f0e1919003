package io.ecliptica.harness.state;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The world state under {@value StateRootScheme#ID}: an immutable map from 32-byte address to
 * {@link Account}, committed by a compact sparse Merkle tree over path(address) = SHA-256(address)
 * whose leaves are SHA-256(0x02 || path || SHA-256(codeHash || storageRoot)) (see
 * {@code docs/state-root.md}). {@link #stateRoot()} of the empty world is
 * {@link StateRootScheme#EMPTY_ROOT}.
 *
 * <p>Persistent: every {@code with*}/{@code without*} method returns a new world and leaves this
 * one unchanged, sharing all untouched nodes, so copying a world (one per engine, a rollback point
 * per transaction) is just keeping the reference. Writing one storage key hashes O(log n) nodes of
 * the contract's storage tree plus O(log m) nodes of the world tree, m being the number of
 * accounts. Instances are safe to share between threads.
 */
public final class WorldState {

    static final PersistentTrie.LeafHasher<Account> ACCOUNT_LEAVES = new PersistentTrie.LeafHasher<>() {
        @Override
        public byte leafPrefix() {
            return StateRootScheme.ACCOUNT_LEAF_PREFIX;
        }

        @Override
        public byte[] valueHash(Account account) {
            // SHA-256(codeHash || storageRoot): a 64-byte preimage
            return Sha256.hash(account.codeHash().array(), account.storage().root().array());
        }

        @Override
        public byte[] encodeValue(Account account) {
            // codeHash || storageRoot || u32 entries: the storage tree is stored by its root
            byte[] out = new byte[2 * StateRootScheme.HASH_LENGTH + 4];
            account.codeHash().copyTo(out, 0);
            account.storage().root().copyTo(out, StateRootScheme.HASH_LENGTH);
            int size = account.storage().size();
            for (int i = 0; i < 4; i++) {
                out[2 * StateRootScheme.HASH_LENGTH + i] = (byte) (size >>> (24 - 8 * i));
            }
            return out;
        }

        @Override
        public Account decodeValue(Bytes address, byte[] buf, int off, int len, NodeStore store) {
            int h = StateRootScheme.HASH_LENGTH;
            Bytes codeHash = Bytes.of(buf, off, h);
            byte[] root = java.util.Arrays.copyOfRange(buf, off + h, off + 2 * h);
            int size = 0;
            for (int i = 0; i < 4; i++) {
                size = size << 8 | (buf[off + 2 * h + i] & 0xff);
            }
            return new Account(address, codeHash, SparseMerkleTree.stored(root, size, store));
        }

        @Override
        public void writeReferenced(Account account, NodeStore.Batch batch) {
            account.storage().writeTo(batch);
        }
    };

    private static final WorldState EMPTY = new WorldState(PersistentTrie.empty(ACCOUNT_LEAVES));

    private final PersistentTrie<Account> accounts;

    private WorldState(PersistentTrie<Account> accounts) {
        this.accounts = accounts;
    }

    /** This world with its nodes added to {@code batch} and read back from {@code store} from now on. */
    WorldState store(NodeStore.Batch batch, NodeStore store) {
        PersistentTrie<Account> stored = accounts.store(batch, store);
        return stored == accounts ? this : new WorldState(stored);
    }

    /** The world without accounts. */
    public static WorldState empty() {
        return EMPTY;
    }

    /** The account at {@code address}, if any. */
    public Optional<Account> account(Bytes address) {
        return Optional.ofNullable(find(address, PersistentTrie.pathOf(address)));
    }

    /** Whether an account exists at {@code address}. */
    public boolean hasAccount(Bytes address) {
        return account(address).isPresent();
    }

    /**
     * This world with the account at {@code address} having code hash {@code codeHash}. A new
     * account starts with empty storage; an existing account keeps its storage (only its code hash
     * changes).
     *
     * @throws IllegalArgumentException if address or code hash is not 32 bytes
     */
    public WorldState withAccount(Bytes address, Bytes codeHash) {
        byte[] path = PersistentTrie.pathOf(checkAddress(address));
        Account existing = find(address, path);
        SparseMerkleTree storage = existing == null ? SparseMerkleTree.empty() : existing.storage();
        return with(path, new Account(address, codeHash, storage));
    }

    /** This world with {@code account} (storage included) at its address, replacing any account there. */
    public WorldState withAccount(Account account) {
        return with(PersistentTrie.pathOf(account.address()), account);
    }

    /** This world without the account at {@code address} (and its storage); {@code this} if there is none. */
    public WorldState withoutAccount(Bytes address) {
        if (address.length() != StateRootScheme.ADDRESS_LENGTH) {
            return this;
        }
        PersistentTrie<Account> updated = accounts.remove(address, PersistentTrie.pathOf(address));
        return updated == accounts ? this : new WorldState(updated);
    }

    /** The storage value of {@code key} in the account at {@code address}, if both exist. */
    public Optional<Bytes> storageValue(Bytes address, Bytes key) {
        return account(address).flatMap(account -> account.storage().get(key));
    }

    /**
     * This world with storage {@code key} set to {@code value} in the account at {@code address};
     * {@code this} if it already held that value.
     *
     * @throws IllegalArgumentException if there is no account at {@code address}, or the key or the
     *     value is too long
     */
    public WorldState withStorage(Bytes address, Bytes key, Bytes value) {
        byte[] path = PersistentTrie.pathOf(checkAddress(address));
        Account account = existing(address, path);
        SparseMerkleTree storage = account.storage().put(key, value);
        return storage == account.storage() ? this : with(path, new Account(address, account.codeHash(), storage));
    }

    /**
     * This world with storage {@code key} removed from the account at {@code address}; {@code this}
     * if the key was absent.
     *
     * @throws IllegalArgumentException if there is no account at {@code address}
     */
    public WorldState withoutStorage(Bytes address, Bytes key) {
        byte[] path = PersistentTrie.pathOf(checkAddress(address));
        Account account = existing(address, path);
        SparseMerkleTree storage = account.storage().remove(key);
        return storage == account.storage() ? this : with(path, new Account(address, account.codeHash(), storage));
    }

    /**
     * Storage root of the account at {@code address}.
     *
     * @throws IllegalArgumentException if there is no account at {@code address}
     */
    public Bytes storageRoot(Bytes address) {
        return existing(address, PersistentTrie.pathOf(checkAddress(address))).storageRoot();
    }

    /** The state root, 32 bytes; {@link StateRootScheme#EMPTY_ROOT} for the empty world. */
    public Bytes stateRoot() {
        return Bytes.wrap(accounts.rootHash());
    }

    /** Number of accounts. */
    public int accountCount() {
        return accounts.size();
    }

    /** Every account, ordered by address (unsigned lexicographic); O(m log m). */
    public List<Account> accounts() {
        return accounts.leaves().stream()
                .map(leaf -> leaf.value)
                .sorted(Comparator.comparing(Account::address))
                .toList();
    }

    private WorldState with(byte[] path, Account account) {
        PersistentTrie<Account> updated = accounts.put(account.address(), path, account);
        return updated == accounts ? this : new WorldState(updated);
    }

    private Account find(Bytes address, byte[] path) {
        return accounts.get(Objects.requireNonNull(address, "address"), path);
    }

    private Account existing(Bytes address, byte[] path) {
        Account account = find(address, path);
        if (account == null) {
            throw new IllegalArgumentException("no account at " + address);
        }
        return account;
    }

    private static Bytes checkAddress(Bytes address) {
        Objects.requireNonNull(address, "address");
        if (address.length() != StateRootScheme.ADDRESS_LENGTH) {
            throw new IllegalArgumentException("an address is " + StateRootScheme.ADDRESS_LENGTH + " bytes, got "
                    + address.length() + ": " + address);
        }
        return address;
    }

    /** Equal state roots, i.e. the same accounts and storage. */
    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof WorldState other && other.stateRoot().equals(stateRoot()));
    }

    @Override
    public int hashCode() {
        return stateRoot().hashCode();
    }

    @Override
    public String toString() {
        return "WorldState[accounts=" + accountCount() + ", stateRoot=" + stateRoot() + "]";
    }
}

package io.ecliptica.harness.state;

import java.util.Objects;

/**
 * A contract account: its 32-byte address, the SHA-256 of its WebAssembly module, and its storage.
 * Committed in the world tree by the 64-byte value {@code codeHash || storageRoot}.
 */
public record Account(Bytes address, Bytes codeHash, SparseMerkleTree storage) {

    public Account {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(codeHash, "codeHash");
        Objects.requireNonNull(storage, "storage");
        if (address.length() != StateRootScheme.ADDRESS_LENGTH) {
            throw new IllegalArgumentException("an address is " + StateRootScheme.ADDRESS_LENGTH + " bytes, got "
                    + address.length() + ": " + address);
        }
        if (codeHash.length() != StateRootScheme.HASH_LENGTH) {
            throw new IllegalArgumentException("a code hash is " + StateRootScheme.HASH_LENGTH + " bytes, got "
                    + codeHash.length() + ": " + codeHash);
        }
    }

    /** A new account with empty storage. */
    public Account(Bytes address, Bytes codeHash) {
        this(address, codeHash, SparseMerkleTree.empty());
    }

    /** Root of {@link #storage()}. */
    public Bytes storageRoot() {
        return storage.root();
    }
}

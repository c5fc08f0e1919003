package io.ecliptica.harness.state;

/**
 * Constants of the world-state commitment scheme {@value #ID}, specified byte for byte in
 * {@code docs/state-root.md}.
 *
 * <ul>
 *   <li>path(x) = SHA-256(x), bit 0 = most significant bit of byte 0;</li>
 *   <li>empty subtree = {@link #EMPTY_ROOT} (32 zero bytes);</li>
 *   <li>storage leaf = SHA-256(0x00 || path(key) || SHA-256(value));</li>
 *   <li>account leaf = SHA-256(0x02 || path(address) || SHA-256(codeHash || storageRoot));</li>
 *   <li>internal node = SHA-256(0x01 || left || right);</li>
 *   <li>receipts root = RFC 6962 Merkle Tree Hash ({@link ReceiptsRoot}).</li>
 * </ul>
 */
public final class StateRootScheme {

    /** Identifier of this scheme; it is not itself hashed into any root. */
    public static final String ID = "ecliptica-smt/1";

    /** Length of every hash, address and code hash, in bytes. */
    public static final int HASH_LENGTH = 32;

    /** Length of a contract address, in bytes. */
    public static final int ADDRESS_LENGTH = 32;

    /** Longest storage key, in bytes (the empty key is allowed). */
    public static final int MAX_KEY_LENGTH = 256;

    /** Longest storage value, in bytes (the empty value is a value, not an absence). */
    public static final int MAX_VALUE_LENGTH = 65536;

    /** Domain prefix of a storage-tree leaf. */
    public static final byte STORAGE_LEAF_PREFIX = 0x00;

    /** Domain prefix of an internal node, in both trees. */
    public static final byte NODE_PREFIX = 0x01;

    /** Domain prefix of a world-tree (account) leaf. */
    public static final byte ACCOUNT_LEAF_PREFIX = 0x02;

    /** Root of an empty tree, and hash of an empty subtree: 32 zero bytes. */
    public static final Bytes EMPTY_ROOT = Bytes.wrap(new byte[HASH_LENGTH]);

    private StateRootScheme() {}

    /** SHA-256 of {@code data}. */
    public static Bytes sha256(Bytes data) {
        return Bytes.wrap(Sha256.hash(data.array()));
    }

    /** The code hash of a contract: SHA-256 of its WebAssembly module bytes. */
    public static Bytes codeHash(byte[] module) {
        return Bytes.wrap(Sha256.hash(module));
    }
}

package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.util.Optional;

/**
 * Encrypts and decrypts the storage values of one contract ({@code docs/privacy.md} §3). Holds the
 * contract state key {@code K_c = KDF(master, "ecliptica/state-key/v1", address, 32)}; each
 * storage key has its own slot key derived from it ({@link #slot}), which is the AEAD key of that
 * slot, so handing out one slot key discloses that slot and nothing else. Deterministic: the same
 * (key, plaintext, context) always gives the same bytes. Prints as {@code StateCipher[redacted]}.
 */
public final class StateCipher implements DecryptionKey {

    public static final int ADDRESS_LENGTH = 32;

    private final Bytes address;
    private final Bytes contractKey;

    private StateCipher(Bytes address, Bytes contractKey) {
        this.address = address;
        this.contractKey = contractKey;
    }

    /** The cipher of the contract at {@code address}, keys derived from the chain master secret. */
    public static StateCipher forContract(ChainSecret master, Bytes address) {
        Encoding.requireLength(address, ADDRESS_LENGTH, "contract address");
        return new StateCipher(address, Kdf.derive(master.secret(), Domain.STATE_KEY, address, 32));
    }

    /** Same as {@code forContract(ChainSecret.of(masterSecret), address)}. */
    public static StateCipher forContract(Bytes masterSecret, Bytes address) {
        return forContract(ChainSecret.of(masterSecret), address);
    }

    /** The cipher for a disclosed contract state key (32 bytes) of the contract at {@code address}. */
    public static StateCipher fromContractKey(Bytes address, Bytes contractKey) {
        Encoding.requireLength(address, ADDRESS_LENGTH, "contract address");
        Encoding.requireLength(contractKey, 32, "contract state key");
        return new StateCipher(address, contractKey);
    }

    public Bytes address() {
        return address;
    }

    /** The slot (selective-disclosure) key of {@code storageKey}. */
    public SlotKey slot(Bytes storageKey) {
        return new SlotKey(address, storageKey, Kdf.derive(contractKey, Domain.DISCLOSE, storageKey, 32));
    }

    /** The stored bytes for {@code plaintext} written under {@code storageKey} at {@code context}. */
    public Bytes encrypt(Bytes storageKey, Bytes plaintext, WriteContext context) {
        return slot(storageKey).encrypt(plaintext, context);
    }

    /**
     * The plaintext of a value stored under {@code storageKey} of this contract.
     *
     * @throws DecryptionFailedException on any tampering, or bytes stored under another key or contract
     */
    public Bytes decrypt(Bytes storageKey, Bytes stored) {
        return slot(storageKey).decrypt(stored);
    }

    @Override
    public Optional<Bytes> tryDecryptState(Bytes address, Bytes storageKey, Bytes stored) {
        return this.address.equals(address) ? slot(storageKey).tryDecryptState(address, storageKey, stored) : Optional.empty();
    }

    @Override
    public String exportText() {
        return "contract:" + address.toHex() + ":" + contractKey.toHex();
    }

    @Override
    public String toString() {
        return "StateCipher[redacted]";
    }
}

package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * The key of one storage slot ({@code docs/privacy.md} §3.2, §4):
 * {@code K_s = KDF(K_c, "ecliptica/disclose/v1", storageKey, 32)}, the AES-256-GCM-SIV key of every
 * value written under that storage key of that contract. It is also the selective-disclosure key:
 * its holder reads this slot's values, every version of them, and nothing else (other slots' keys
 * are independent HKDF outputs of a key the holder does not have). Prints as {@code SlotKey[redacted]}.
 */
public final class SlotKey implements DecryptionKey {

    private final Bytes address;
    private final Bytes storageKey;
    private final Bytes key;

    SlotKey(Bytes address, Bytes storageKey, Bytes key) {
        this.address = address;
        this.storageKey = Objects.requireNonNull(storageKey, "storageKey");
        this.key = key;
    }

    /** A disclosed slot key: the contract address (32 bytes), the storage key and the 32 key bytes. */
    public static SlotKey of(Bytes address, Bytes storageKey, Bytes key) {
        Encoding.requireLength(address, StateCipher.ADDRESS_LENGTH, "contract address");
        Encoding.requireLength(key, AesGcmSiv.KEY_LENGTH, "slot key");
        return new SlotKey(address, storageKey, key);
    }

    public Bytes address() {
        return address;
    }

    public Bytes storageKey() {
        return storageKey;
    }

    /** The 12-byte nonce of a write at {@code context}: {@code KDF(K_s, "ecliptica/state-nonce/v1", u64be(height) || u32be(txIndex), 12)}. */
    public Bytes nonce(WriteContext context) {
        return Kdf.derive(key, Domain.STATE_NONCE, context.encode(), AesGcmSiv.NONCE_LENGTH);
    }

    /** {@code "ecliptica/state-aad/v1" || 0x00 || address || storageKey}. */
    public Bytes associatedData() {
        return Domain.STATE_AAD.with(address.concat(storageKey));
    }

    /** The stored bytes ({@link StateCiphertext}) of {@code plaintext} written at {@code context}. */
    public Bytes encrypt(Bytes plaintext, WriteContext context) {
        Bytes nonce = nonce(context);
        return new StateCiphertext(nonce, AesGcmSiv.seal(key, nonce, plaintext, associatedData())).encoded();
    }

    /**
     * The plaintext of stored bytes of this slot.
     *
     * @throws DecryptionFailedException on a wrong version or length, any modified byte, or bytes
     *     of another slot or contract
     */
    public Bytes decrypt(Bytes stored) {
        StateCiphertext c = StateCiphertext.parse(stored);
        return AesGcmSiv.open(key, c.nonce(), c.sealed(), associatedData(), "state value");
    }

    @Override
    public Optional<Bytes> tryDecryptState(Bytes address, Bytes storageKey, Bytes stored) {
        if (!this.address.equals(address) || !this.storageKey.equals(storageKey)) {
            return Optional.empty();
        }
        return Optional.of(decrypt(stored));
    }

    @Override
    public String exportText() {
        return "slot:" + address.toHex() + ":" + storageKey.toHex() + ":" + key.toHex();
    }

    @Override
    public String toString() {
        return "SlotKey[redacted]";
    }
}

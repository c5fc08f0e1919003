package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.util.Optional;

/**
 * The chain's 32-byte master secret ({@code docs/privacy.md} §3.1): the root of every contract
 * state key and of the encapsulation randomness of encrypted outputs. Whoever holds it can read
 * all encrypted state of the chain. Prints as {@code ChainSecret[redacted]}.
 */
public final class ChainSecret implements DecryptionKey {

    public static final int LENGTH = 32;

    private final Bytes secret;

    private ChainSecret(Bytes secret) {
        this.secret = secret;
    }

    /** The master secret with these 32 bytes. */
    public static ChainSecret of(Bytes secret) {
        Encoding.requireLength(secret, LENGTH, "chain master secret");
        return new ChainSecret(secret);
    }

    /** The state cipher of the contract at {@code address} (32 bytes). */
    public StateCipher contract(Bytes address) {
        return StateCipher.forContract(this, address);
    }

    /**
     * The 32 bytes of ML-KEM encapsulation randomness for one encrypted output:
     * {@code KDF(master, "ecliptica/encaps/v1", u64be(height) || u32be(txIndex) || u32be(outputIndex) || SHA-256(ek), 32)}.
     */
    public Bytes encapsulationRandomness(OutputPosition position, ViewingPublicKey recipient) {
        return Kdf.derive(secret, Domain.ENCAPS, position.encode().concat(recipient.fingerprint()), 32);
    }

    Bytes secret() {
        return secret;
    }

    @Override
    public Optional<Bytes> tryDecryptState(Bytes address, Bytes storageKey, Bytes stored) {
        return contract(address).tryDecryptState(address, storageKey, stored);
    }

    @Override
    public String exportText() {
        return "master:" + secret.toHex();
    }

    @Override
    public String toString() {
        return "ChainSecret[redacted]";
    }
}

package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;

/**
 * A storage value at rest ({@code docs/privacy.md} §3.4):
 * {@code 0x01 || nonce (12) || AES-256-GCM-SIV ciphertext (as long as the plaintext) || tag (16)},
 * 29 bytes longer than the plaintext. These bytes are what the storage tree commits to.
 *
 * @param nonce the 12-byte derived nonce
 * @param sealed ciphertext followed by the 16-byte tag
 */
public record StateCiphertext(Bytes nonce, Bytes sealed) {

    /** The format byte of {@code ecliptica-privacy/1} state values. */
    public static final byte VERSION = 0x01;
    /** Bytes added to a plaintext: version, nonce and tag. */
    public static final int OVERHEAD = 1 + AesGcmSiv.NONCE_LENGTH + AesGcmSiv.TAG_LENGTH;

    public StateCiphertext {
        Encoding.requireLength(nonce, AesGcmSiv.NONCE_LENGTH, "state nonce");
        if (sealed.length() < AesGcmSiv.TAG_LENGTH) {
            throw new IllegalArgumentException("sealed state value must hold at least the 16-byte tag");
        }
    }

    /**
     * Parses stored bytes.
     *
     * @throws DecryptionFailedException if they are shorter than 29 bytes or the version byte is not 0x01
     */
    public static StateCiphertext parse(Bytes stored) {
        if (stored.length() < OVERHEAD || stored.get(0) != VERSION) {
            throw new DecryptionFailedException("state value");
        }
        return new StateCiphertext(Encoding.slice(stored, 1, 1 + AesGcmSiv.NONCE_LENGTH),
                Encoding.slice(stored, 1 + AesGcmSiv.NONCE_LENGTH, stored.length()));
    }

    /** The stored bytes. */
    public Bytes encoded() {
        return Bytes.of(VERSION).concat(nonce).concat(sealed);
    }

    /** Length of the plaintext inside. */
    public int plaintextLength() {
        return sealed.length() - AesGcmSiv.TAG_LENGTH;
    }
}

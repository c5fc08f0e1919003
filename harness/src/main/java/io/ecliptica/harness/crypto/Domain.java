package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * The domain-separation labels of {@code ecliptica-privacy/1} ({@code docs/privacy.md} §2). Every
 * key derivation's HKDF {@code info}, and the state AAD, start with one label's ASCII bytes followed
 * by one {@code 0x00} byte; no label contains {@code 0x00}, so the label is parsed unambiguously
 * and two different labels can never produce the same {@code info}.
 */
public enum Domain {
    /** Contract state key from the chain master secret; context: the 32-byte address. */
    STATE_KEY("ecliptica/state-key/v1"),
    /** Slot (selective-disclosure) key from a contract state key; context: the storage key. */
    DISCLOSE("ecliptica/disclose/v1"),
    /** State nonce from a slot key; context: u64 height || u32 transaction index. */
    STATE_NONCE("ecliptica/state-nonce/v1"),
    /** AEAD associated data of a state value: label || 0x00 || address || storage key. */
    STATE_AAD("ecliptica/state-aad/v1"),
    /** Encapsulation randomness from the chain master secret; context: position || SHA-256(ek). */
    ENCAPS("ecliptica/encaps/v1"),
    /** Envelope AEAD key from the ML-KEM shared secret; context: the ML-KEM ciphertext. */
    ENVELOPE_KEY("ecliptica/envelope-key/v1"),
    /** Viewing-key seed (64 bytes) from an account secret; empty context. */
    VIEWING_SEED("ecliptica/viewing-seed/v1"),
    /** Spending-key seed (32 bytes) from an account secret; empty context. */
    SPENDING_SEED("ecliptica/spending-seed/v1"),
    /** Account address from a spending public key: SHA-256(label || 0x00 || public key). */
    ADDRESS("ecliptica/address/v1"),
    /**
     * Key sealing a cross-contract call's input to the callee, from the callee's contract state
     * key; context: u64 height || u32 transaction index || u32 call index (docs/abi.md §6).
     */
    CALL_KEY("ecliptica/call-key/v1"),
    /** First bytes of the transaction signing payload. */
    TRANSACTION("ecliptica/tx/v1");

    private final String label;
    private final Bytes prefix;

    Domain(String label) {
        this.label = label;
        byte[] ascii = label.getBytes(StandardCharsets.US_ASCII);
        byte[] p = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, p, 0, ascii.length);
        this.prefix = Bytes.of(p);
    }

    /** The ASCII label, e.g. {@code ecliptica/state-key/v1}. */
    public String label() {
        return label;
    }

    /** The label's ASCII bytes followed by {@code 0x00}. */
    public Bytes prefix() {
        return prefix;
    }

    /** {@code prefix() || context}: the HKDF info (or hash/AAD preimage) for this domain. */
    public Bytes with(Bytes context) {
        return prefix.concat(context);
    }
}

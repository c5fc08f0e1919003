package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;

/**
 * Where a storage value is written: the block height (an unsigned 64-bit number, held in a
 * {@code long}) and the transaction's index in its block (0-based, unsigned 32-bit). A write set
 * holds each key once, so (storage key, height, txIndex) names one write; the state nonce is
 * derived from it ({@code docs/privacy.md} §3.3).
 */
public record WriteContext(long height, long txIndex) {

    public WriteContext {
        if (txIndex < 0 || txIndex > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("transaction index must be an unsigned 32-bit number, got " + txIndex);
        }
    }

    /** {@code u64be(height) || u32be(txIndex)}: 12 bytes. */
    public Bytes encode() {
        return Bytes.of(Encoding.concat(Encoding.u64(height), Encoding.u32(txIndex)));
    }
}

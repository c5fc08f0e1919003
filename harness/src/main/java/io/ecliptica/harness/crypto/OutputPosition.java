package io.ecliptica.harness.crypto;

import io.ecliptica.harness.state.Bytes;

/**
 * Which encrypted output of the chain: block height (unsigned 64-bit), transaction index in the
 * block (unsigned 32-bit) and output index in the transaction (unsigned 32-bit; the recommended
 * numbering is 0 for the return data and 1 + i for the data of event i). The envelope's ML-KEM
 * randomness is derived from it ({@code docs/privacy.md} §5.2).
 */
public record OutputPosition(long height, long txIndex, long outputIndex) {

    public OutputPosition {
        if (txIndex < 0 || txIndex > 0xFFFF_FFFFL || outputIndex < 0 || outputIndex > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("transaction and output index must be unsigned 32-bit numbers");
        }
    }

    /** The return data of a transaction: output index 0. */
    public static OutputPosition returnData(long height, long txIndex) {
        return new OutputPosition(height, txIndex, 0);
    }

    /** The data of event {@code eventIndex} (0-based) of a transaction: output index 1 + eventIndex. */
    public static OutputPosition event(long height, long txIndex, int eventIndex) {
        return new OutputPosition(height, txIndex, 1L + eventIndex);
    }

    /** {@code u64be(height) || u32be(txIndex) || u32be(outputIndex)}: 16 bytes. */
    public Bytes encode() {
        return Bytes.of(Encoding.concat(Encoding.u64(height), Encoding.u32(txIndex), Encoding.u32(outputIndex)));
    }
}

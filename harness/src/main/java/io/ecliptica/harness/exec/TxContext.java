package io.ecliptica.harness.exec;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a transaction runs: its block, its 0-based index in the block (state nonces and envelope
 * positions derive from both, docs/privacy.md §3.3, §5.2), and the chain's privacy parameters,
 * absent on a plaintext chain.
 */
public record TxContext(BlockHeader block, int txIndex, Optional<Privacy> privacy) {
    public TxContext {
        Objects.requireNonNull(block);
        Objects.requireNonNull(privacy);
        if (txIndex < 0) {
            throw new IllegalArgumentException("negative transaction index");
        }
    }

    /** A plaintext chain's context. */
    public static TxContext plain(BlockHeader block, int txIndex) {
        return new TxContext(block, txIndex, Optional.empty());
    }
}

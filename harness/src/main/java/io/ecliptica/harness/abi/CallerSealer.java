package io.ecliptica.harness.abi;

import io.ecliptica.harness.state.Bytes;

/**
 * Seals a payload to the transaction sender's viewing key at output index {@code outputIndex}
 * (docs/privacy.md §5.2): what {@code crypto_seal_to_caller} needs from a private chain's host.
 */
@FunctionalInterface
public interface CallerSealer {
    Bytes seal(long outputIndex, Bytes payload);
}

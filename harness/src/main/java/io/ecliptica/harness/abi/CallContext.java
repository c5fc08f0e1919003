package io.ecliptica.harness.abi;

import io.ecliptica.harness.state.Bytes;
import java.util.Objects;

/** What a call can observe of its transaction and block (docs/abi.md §2). */
public record CallContext(Bytes caller, Bytes self, Bytes input, long blockHeight, long blockTime) {
    public CallContext {
        Objects.requireNonNull(caller);
        Objects.requireNonNull(self);
        Objects.requireNonNull(input);
    }
}

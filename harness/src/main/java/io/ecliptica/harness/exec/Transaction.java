package io.ecliptica.harness.exec;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * A call of {@code function} on the contract at {@code to}, sent by {@code from}, allowed to use
 * at most {@code gasLimit} gas (ignored under a profile that does not meter).
 */
public record Transaction(Bytes from, Bytes to, String function, Bytes input, List<WasmValue> args, long gasLimit) {
    public Transaction {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(function);
        Objects.requireNonNull(input);
        args = List.copyOf(args);
        if (gasLimit < 0) {
            throw new IllegalArgumentException("negative gas limit");
        }
    }
}

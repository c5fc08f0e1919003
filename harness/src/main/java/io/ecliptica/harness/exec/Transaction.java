package io.ecliptica.harness.exec;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.ecliptica.harness.crypto.TransactionPayload;

/**
 * A call of {@code function} on the contract at {@code to}, sent by {@code from}, allowed to use
 * at most {@code gasLimit} gas (ignored under a profile that does not meter); {@code auth} holds
 * the signature of a signed transaction (required on a private chain, docs/privacy.md §6).
 */
public record Transaction(Bytes from, Bytes to, String function, Bytes input, List<WasmValue> args, long gasLimit,
                          Optional<TxAuth> auth) {
    public Transaction {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
        Objects.requireNonNull(function);
        Objects.requireNonNull(input);
        Objects.requireNonNull(auth);
        args = List.copyOf(args);
        if (gasLimit < 0) {
            throw new IllegalArgumentException("negative gas limit");
        }
    }

    /** An unsigned transaction. */
    public Transaction(Bytes from, Bytes to, String function, Bytes input, List<WasmValue> args, long gasLimit) {
        this(from, to, function, input, args, gasLimit, Optional.empty());
    }

    /** The bytes a spending key signs for this transaction on chain {@code chainId} (docs/privacy.md §6.3). */
    public TransactionPayload payload(long chainId, long nonce) {
        return new TransactionPayload(chainId, from, to, nonce, gasLimit, function, input, args);
    }

    public Transaction withAuth(TxAuth auth) {
        return new Transaction(from, to, function, input, args, gasLimit, Optional.of(auth));
    }
}

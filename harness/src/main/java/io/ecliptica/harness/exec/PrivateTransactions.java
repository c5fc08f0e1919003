package io.ecliptica.harness.exec;

import io.ecliptica.harness.crypto.Authentication;
import io.ecliptica.harness.crypto.OutputPosition;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.crypto.WriteContext;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The steps a private chain adds around a call (docs/privacy.md §10, docs/gas.md §14): admission
 * (signature, key directory, intrinsic gas) before it, and after it the encryption of its writes,
 * the sealing of its outputs to the sender's viewing key, and the gas for that work.
 */
public final class PrivateTransactions {

    /** Intrinsic gas of a private transaction: the ML-DSA-65 signature check. */
    public static final long SIGNATURE_CHECK = 250_000;
    /** Sealing one envelope (an ML-KEM-768 encapsulation and AES-GCM-SIV): base and per payload byte. */
    static final long ENVELOPE_BASE = 100_000;
    static final long ENVELOPE_PER_BYTE = 10;
    /** Encrypting one written value: base and per plaintext byte. */
    static final long STATE_WRITE_BASE = 5_000;
    static final long STATE_WRITE_PER_BYTE = 10;

    private PrivateTransactions() {
    }

    /** The checks before execution, in order (docs/privacy.md §10.2); empty if the transaction is admitted. */
    static Optional<CallResult> admit(HostCrypto crypto, Privacy privacy, Transaction tx, WorldState pre) {
        if (tx.auth().isEmpty()) {
            return Optional.of(rejected(pre, "unsigned_transaction", "a private chain accepts signed transactions only"));
        }
        TxAuth auth = tx.auth().get();
        Authentication a = crypto.authenticate(tx.payload(privacy.chainId(), auth.nonce()), auth.publicKey(), auth.signature());
        if (a instanceof Authentication.Rejected r) {
            return Optional.of(rejected(pre, r.reason().rejectionClass(), "signature check failed: " + r.reason().rejectionClass()));
        }
        if (privacy.viewer(tx.from()).isEmpty()) {
            return Optional.of(rejected(pre, "unknown_viewer", "no viewing key for " + tx.from() + " in the key directory"));
        }
        return Optional.empty();
    }

    /** A metered private transaction whose limit does not cover the signature check. */
    static Optional<CallResult> intrinsicGas(Transaction tx, WorldState pre) {
        return tx.gasLimit() < SIGNATURE_CHECK
                ? Optional.of(rejected(pre, "intrinsic_gas", "gas limit " + tx.gasLimit() + " is below the intrinsic "
                        + SIGNATURE_CHECK + " of a private transaction"))
                : Optional.empty();
    }

    /**
     * Turns the plaintext result of a finished call into the chain's result: for {@code ok}, writes
     * encrypted (then applied by {@code apply}), return data and event data sealed; for
     * {@code revert} and {@code abort}, the message sealed; the cost of that work charged, and a
     * call whose total exceeds its limit turned into {@code out_of_gas}.
     *
     * @param wasmGas gas the call itself used, out of {@code tx.gasLimit() - SIGNATURE_CHECK}
     *                (0 when not metered)
     */
    static Execution.Completed finish(HostCrypto crypto, Privacy privacy, TxContext ctx, Transaction tx, boolean metered,
                             WorldState pre, CallResult plain, long wasmGas,
                             Function<List<StorageWrite>, WorldState> apply) {
        ViewingPublicKey viewer = privacy.viewer(tx.from()).orElseThrow();
        long height = ctx.block().height();
        long index = ctx.txIndex();
        if (!Privacy.sealsOutput(plain)) {
            // every other trap uses the whole limit (docs/gas.md §2); invalid results use none
            long gas = metered && plain.status() == Status.TRAP ? tx.gasLimit() : 0;
            return new Execution.Completed(withGas(plain, gas), pre);
        }
        long cost = ENVELOPE_BASE + ENVELOPE_PER_BYTE * plain.output().length();
        Bytes output = crypto.seal(privacy.master(), OutputPosition.returnData(height, index), viewer, plain.output());
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < plain.events().size(); i++) {
            Event e = plain.events().get(i);
            cost += ENVELOPE_BASE + ENVELOPE_PER_BYTE * e.data().length();
            events.add(new Event(e.emitter(), e.topic(), crypto.seal(privacy.master(), OutputPosition.event(height, index, i), viewer, e.data())));
        }
        List<StorageWrite> writes = new ArrayList<>();
        WriteContext at = new WriteContext(height, index);
        for (StorageWrite w : plain.writes()) {
            if (w.isDeletion()) {
                writes.add(w);
            } else {
                Bytes value = w.value().get();
                cost += STATE_WRITE_BASE + STATE_WRITE_PER_BYTE * value.length();
                writes.add(StorageWrite.set(w.address(), w.key(), crypto.encryptValue(privacy.master(), w.address(), w.key(), value, at)));
            }
        }
        long gas = metered ? SIGNATURE_CHECK + wasmGas + cost : 0;
        if (metered && Long.compareUnsigned(gas, tx.gasLimit()) > 0) {
            return new Execution.Completed(EngineExecutor.trap(pre, "out_of_gas", tx.gasLimit(),
                    "the privacy work (" + cost + " gas) does not fit in the gas left"), pre);
        }
        WorldState post = plain.status() == Status.OK ? apply.apply(writes) : pre;
        return new Execution.Completed(new CallResult(plain.status(), plain.errorClass(), output, plain.results(), events,
                writes, gas, post.stateRoot(), plain.diagnostic()), post);
    }

    private static CallResult withGas(CallResult r, long gas) {
        return new CallResult(r.status(), r.errorClass(), r.output(), r.results(), r.events(), r.writes(), gas,
                r.stateRoot(), r.diagnostic());
    }

    private static CallResult rejected(WorldState pre, String cls, String diagnostic) {
        return EngineExecutor.failure(pre, Status.INVALID, cls, diagnostic);
    }
}

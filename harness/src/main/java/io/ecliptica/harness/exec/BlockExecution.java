package io.ecliptica.harness.exec;

import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Receipt;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.ReceiptsRoot;
import io.ecliptica.harness.state.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the transactions of one block, in order, on one engine: the single place where a block
 * turns into results, receipts, a receipts root, a post-state root and the gas used. Vector
 * verification and chain replay both go through here, so they cannot drift apart.
 */
public final class BlockExecution {
    private BlockExecution() {
    }

    /** What one block gave on one engine. */
    public sealed interface Outcome {
        /** The results (and receipts) of the transactions that completed, in order. */
        List<TxOutcome> transactions();

        /** Every transaction completed. {@code post} is the state after the last one. */
        record Completed(WorldState pre, List<TxOutcome> transactions, WorldState post, Bytes receiptsRoot, long gasUsed)
                implements Outcome {
            public Completed {
                transactions = List.copyOf(transactions);
            }

            public Bytes stateRoot() {
                return post.stateRoot();
            }
        }

        /** The engine gave no result for transaction {@code txIndex}; the block stops there. */
        record Failed(WorldState pre, List<TxOutcome> transactions, int txIndex, HarnessFailure failure)
                implements Outcome {
            public Failed {
                transactions = List.copyOf(transactions);
            }
        }
    }

    /**
     * One completed transaction: its result, its receipt encoding (docs/state-root.md), the state
     * after it, and the digest of its host calls (docs/abi.md §5).
     */
    public record TxOutcome(CallResult result, Bytes receipt, WorldState post, HostCallTrace.Summary hostCalls) {
        public Bytes receiptDigest() {
            return io.ecliptica.harness.state.StateRootScheme.sha256(receipt);
        }
    }

    /** Runs {@code txs} from {@code pre} in the block {@code header} of a plaintext chain. */
    public static Outcome run(EngineExecutor engine, PreparedModules modules, CodeStore code, WorldState pre,
                              BlockHeader header, List<Transaction> txs) {
        return run(engine, modules, code, pre, header, txs, Optional.empty());
    }

    /**
     * Runs {@code txs} from {@code pre} in the block {@code header}; {@code privacy} for a private
     * chain. All on the engine's worker thread: one hand-off per block, each call keeping its own
     * wall-clock guard.
     */
    public static Outcome run(EngineExecutor engine, PreparedModules modules, CodeStore code, WorldState pre,
                              BlockHeader header, List<Transaction> txs, Optional<Privacy> privacy) {
        EngineExecutor.Limits limits = engine.limits();
        // the guard of last resort: every call at its limit, plus compiling once
        java.time.Duration bound = limits.callTimeout().multipliedBy(Math.max(1, txs.size()))
                .plus(limits.compileTimeout()).plus(java.time.Duration.ofSeconds(10));
        try {
            return engine.onWorker(() -> runHere(engine, modules, code, pre, header, txs, privacy), bound);
        } catch (java.util.concurrent.TimeoutException e) {
            return new Outcome.Failed(pre, List.of(), 0, new HarnessFailure(HarnessFailure.Kind.TIMEOUT,
                    "block " + header.height() + " ran longer than " + bound.toSeconds() + " s"));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            return new Outcome.Failed(pre, List.of(), 0, new HarnessFailure(HarnessFailure.Kind.ENGINE_ERROR,
                    "harness error " + c.getClass().getName() + ": " + c.getMessage()));
        }
    }

    private static Outcome runHere(EngineExecutor engine, PreparedModules modules, CodeStore code, WorldState pre,
                                   BlockHeader header, List<Transaction> txs, Optional<Privacy> privacy) {
        WorldState state = pre;
        List<TxOutcome> done = new ArrayList<>(txs.size());
        List<byte[]> receipts = new ArrayList<>(txs.size());
        long gas = 0;
        for (int t = 0; t < txs.size(); t++) {
            Execution ex = engine.execute(modules, state, code, new TxContext(header, t, privacy), txs.get(t), false);
            if (ex instanceof Execution.Failed f) {
                return new Outcome.Failed(pre, done, t, f.failure());
            }
            Execution.Completed c = (Execution.Completed) ex;
            byte[] receipt = Receipt.encode(c.result());
            receipts.add(receipt);
            done.add(new TxOutcome(c.result(), Bytes.of(receipt), c.post(), c.hostCalls()));
            gas += c.result().gasUsed();
            state = c.post();
        }
        return new Outcome.Completed(pre, done, state, ReceiptsRoot.of(receipts), gas);
    }
}

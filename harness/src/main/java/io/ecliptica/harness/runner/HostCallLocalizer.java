package io.ecliptica.harness.runner;

import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.exec.BlockExecution;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.Execution;
import io.ecliptica.harness.exec.Privacy;
import io.ecliptica.harness.exec.TxContext;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.PrivacySpec;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.util.List;
import java.util.Optional;

/**
 * Re-runs a vector on one engine up to one transaction and records that transaction's host calls
 * (docs/abi.md §5), to localize a divergence: where two engines' results differ, the first host
 * call on which they differ says where their executions parted.
 */
public final class HostCallLocalizer {
    private HostCallLocalizer() {
    }

    /**
     * The host calls of transaction {@code tx} of block {@code block} on this engine, after
     * everything before it ran as usual; empty if the engine gave no result on the way there.
     */
    public static Optional<List<HostCallTrace.HostCall>> hostCalls(Vector vector, int block, int tx,
                                                                   PreparedModules modules, EngineExecutor engine) {
        VectorExecution.Genesis genesis = VectorExecution.Genesis.of(vector);
        WorldState state = genesis.state();
        // a private chain runs as the verdict's run did: signatures, encrypted writes, sealed outputs
        Optional<Privacy> privacy = vector.privacy().map(PrivacySpec::context);
        for (int b = 0; b < block; b++) {
            BlockSpec spec = vector.blocks().get(b);
            BlockExecution.Outcome o = BlockExecution.run(engine, modules, genesis.code(), state, spec.header(),
                    spec.transactions().stream().map(TxSpec::tx).toList(), privacy);
            if (!(o instanceof BlockExecution.Outcome.Completed done)) {
                return Optional.empty();
            }
            state = done.post();
        }
        BlockSpec spec = vector.blocks().get(block);
        for (int t = 0; t <= tx; t++) {
            Transaction transaction = spec.transactions().get(t).tx();
            Execution ex = engine.execute(modules, state, genesis.code(), new TxContext(spec.header(), t, privacy),
                    transaction, t == tx);
            if (!(ex instanceof Execution.Completed c)) {
                return Optional.empty();
            }
            if (t == tx) {
                return Optional.of(c.hostCalls().recorded());
            }
            state = c.post();
        }
        throw new IllegalStateException("unreachable");
    }
}

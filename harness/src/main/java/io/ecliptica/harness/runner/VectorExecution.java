package io.ecliptica.harness.runner;

import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.Execution;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Receipt;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.ReceiptsRoot;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs one vector on one engine, on that engine's own copy of the world state. */
final class VectorExecution {
    private VectorExecution() {
    }

    /** The genesis state of a vector: its contracts with their code and initial storage. */
    record Genesis(WorldState state, CodeStore code) {
        static Genesis of(Vector vector) {
            WorldState state = WorldState.empty();
            CodeStore code = CodeStore.empty();
            for (ContractSpec c : vector.contracts()) {
                state = state.withAccount(c.address(), c.codeHash());
                code = code.with(c.code().toByteArray());
                for (Map.Entry<Bytes, Bytes> kv : c.storage().entrySet()) {
                    state = state.withStorage(c.address(), kv.getKey(), kv.getValue());
                }
            }
            return new Genesis(state, code);
        }
    }

    static EngineTrace run(Vector vector, Genesis genesis, PreparedModules modules, EngineExecutor engine) {
        WorldState state = genesis.state();
        List<EngineTrace.BlockTrace> blocks = new ArrayList<>();
        for (int b = 0; b < vector.blocks().size(); b++) {
            BlockSpec block = vector.blocks().get(b);
            List<CallResult> results = new ArrayList<>();
            List<byte[]> receipts = new ArrayList<>();
            for (int t = 0; t < block.transactions().size(); t++) {
                TxSpec tx = block.transactions().get(t);
                Execution ex = engine.execute(modules, state, genesis.code(), block.header(), tx.tx());
                if (ex instanceof Execution.Failed f) {
                    blocks.add(new EngineTrace.BlockTrace(results, Optional.empty(), Optional.empty()));
                    return new EngineTrace(engine.descriptor(), genesis.state().stateRoot(), blocks,
                            Optional.of(new EngineTrace.Failure(b, t, f.failure())));
                }
                Execution.Completed done = (Execution.Completed) ex;
                results.add(done.result());
                receipts.add(Receipt.encode(done.result()));
                state = done.post();
            }
            blocks.add(new EngineTrace.BlockTrace(results, Optional.of(state.stateRoot()),
                    Optional.of(ReceiptsRoot.of(receipts))));
        }
        return new EngineTrace(engine.descriptor(), genesis.state().stateRoot(), blocks, Optional.empty());
    }
}

package io.ecliptica.harness.runner;

import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.BlockExecution;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.exec.Privacy;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.PrivacySpec;
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
        Optional<Privacy> privacy = vector.privacy().map(PrivacySpec::context);
        List<EngineTrace.BlockTrace> blocks = new ArrayList<>();
        for (int b = 0; b < vector.blocks().size(); b++) {
            BlockSpec block = vector.blocks().get(b);
            List<Transaction> txs = block.transactions().stream().map(TxSpec::tx).toList();
            BlockExecution.Outcome outcome = BlockExecution.run(engine, modules, genesis.code(), state, block.header(), txs,
                    privacy);
            List<CallResult> results = outcome.transactions().stream().map(BlockExecution.TxOutcome::result).toList();
            if (outcome instanceof BlockExecution.Outcome.Failed f) {
                blocks.add(new EngineTrace.BlockTrace(results, Optional.empty(), Optional.empty()));
                return new EngineTrace(engine.descriptor(), genesis.state().stateRoot(), blocks,
                        Optional.of(new EngineTrace.Failure(b, f.txIndex(), f.failure())));
            }
            BlockExecution.Outcome.Completed done = (BlockExecution.Outcome.Completed) outcome;
            state = done.post();
            blocks.add(new EngineTrace.BlockTrace(results, Optional.of(done.stateRoot()), Optional.of(done.receiptsRoot())));
        }
        return new EngineTrace(engine.descriptor(), genesis.state().stateRoot(), blocks, Optional.empty());
    }
}

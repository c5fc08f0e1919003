package io.ecliptica.harness.runner;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.exec.HarnessFailure;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * Everything one engine produced for one vector, in order. If the engine failed (timeout, engine
 * error) the trace stops there: {@code failure} says where, and the blocks list ends with the
 * partial block.
 */
public record EngineTrace(EngineDescriptor engine, Bytes preStateRoot, List<BlockTrace> blocks,
                          Optional<Failure> failure) {
    public EngineTrace {
        blocks = List.copyOf(blocks);
    }

    /** The results of one block's transactions and, if the block completed, its roots. */
    public record BlockTrace(List<CallResult> results, Optional<Bytes> stateRoot, Optional<Bytes> receiptsRoot) {
        public BlockTrace {
            results = List.copyOf(results);
        }
    }

    /** Where the engine stopped producing results and why. */
    public record Failure(int block, int tx, HarnessFailure failure) {
    }

    public Optional<CallResult> result(int block, int tx) {
        if (block >= blocks.size() || tx >= blocks.get(block).results().size()) {
            return Optional.empty();
        }
        return Optional.of(blocks.get(block).results().get(tx));
    }
}

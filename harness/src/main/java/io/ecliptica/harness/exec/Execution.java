package io.ecliptica.harness.exec;

import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.state.WorldState;

/** What running one transaction on one engine gave: a canonical result, or no result at all. */
public sealed interface Execution {

    /**
     * The engine finished; {@code post} is the world state after the transaction and
     * {@code hostCalls} the trace of its host calls (docs/abi.md §5).
     */
    record Completed(CallResult result, WorldState post, HostCallTrace.Summary hostCalls) implements Execution {
        public Completed(CallResult result, WorldState post) {
            this(result, post, HostCallTrace.Summary.NONE);
        }
    }

    /** The engine could not produce a result. */
    record Failed(HarnessFailure failure) implements Execution {
    }
}

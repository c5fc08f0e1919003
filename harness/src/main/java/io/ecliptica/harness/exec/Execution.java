package io.ecliptica.harness.exec;

import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.state.WorldState;

/** What running one transaction on one engine gave: a canonical result, or no result at all. */
public sealed interface Execution {

    /** The engine finished; {@code post} is the world state after the transaction. */
    record Completed(CallResult result, WorldState post) implements Execution {
    }

    /** The engine could not produce a result. */
    record Failed(HarnessFailure failure) implements Execution {
    }
}

package io.ecliptica.harness.replay;

import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.exec.HarnessFailure;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Optional;

/** How a replay (or the recording run of gen-chain) ended. */
public sealed interface ReplayOutcome {

    /** Every block from {@code firstHeight} to {@code lastHeight} agreed on every engine and with the recording. */
    record Agreed(long firstHeight, long lastHeight, long transactions, Bytes finalStateRoot, long resumedFrom)
            implements ReplayOutcome {
    }

    /** An engine gave no result for a transaction (timeout, engine error). */
    record EngineFailed(long height, int txIndex, String engine, HarnessFailure failure) implements ReplayOutcome {
    }

    /** Engines disagree at block {@code height}, first at transaction {@code txIndex}. */
    record Diverged(long height, int txIndex, Transaction transaction, String contract, List<EngineResult> results,
                    List<String> differingFields, HostCallDiff hostCalls) implements ReplayOutcome {
        public Diverged {
            results = List.copyOf(results);
            differingFields = List.copyOf(differingFields);
        }
    }

    /**
     * Every engine agrees, but not with the recording: {@code field} of block {@code height} differs.
     * {@code txIndex} is the first transaction whose receipt differs from the recorded digest, or,
     * when every receipt matches, the last transaction (whose receipt commits to the block's state).
     */
    record Mismatch(long height, String field, String recorded, String computed, int txIndex, Transaction transaction,
                    String contract, boolean receiptDiffers, Bytes recordedReceipt, Bytes computedReceipt, CallResult result)
            implements ReplayOutcome {
    }

    /** One engine's result for the transaction being localized. */
    record EngineResult(String engine, CallResult result, Bytes receiptDigest) {
    }

    /**
     * The host calls of the localized transaction, re-run with recording on every engine:
     * {@code agreeing} calls were identical everywhere ({@code lastAgreeing} the last of them); then
     * each engine's call at that index (empty when it made no more calls). {@code firstDiffering}
     * is empty when every engine made exactly the same calls.
     */
    record HostCallDiff(int agreeing, Optional<HostCallTrace.HostCall> lastAgreeing, List<EngineCall> firstDiffering) {
        public HostCallDiff {
            firstDiffering = List.copyOf(firstDiffering);
        }
    }

    /** An engine's host call at the first differing index, and how many calls it made in all. */
    record EngineCall(String engine, Optional<HostCallTrace.HostCall> call, int totalCalls, Optional<String> failure) {
    }
}

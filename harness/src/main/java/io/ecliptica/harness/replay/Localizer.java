package io.ecliptica.harness.replay;

import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.exec.BlockExecution;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.Execution;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pins a divergence down to a transaction, then to a host call: the per-transaction receipts show
 * the first transaction where the engines part; re-running just that transaction with host calls
 * recorded (docs/abi.md §5) shows the last call they agree on and each engine's first own call.
 */
final class Localizer {
    private Localizer() {
    }

    /** The first transaction whose receipt is not the same on every engine, or -1. */
    static int firstDifferingTx(List<BlockExecution.Outcome.Completed> outcomes) {
        int n = outcomes.get(0).transactions().size();
        for (int t = 0; t < n; t++) {
            Bytes first = outcomes.get(0).transactions().get(t).receipt();
            for (BlockExecution.Outcome.Completed o : outcomes) {
                if (!o.transactions().get(t).receipt().equals(first)) {
                    return t;
                }
            }
        }
        return -1;
    }

    /** The result fields that are not the same on every engine, in receipt order. */
    static List<String> differingFields(List<CallResult> results) {
        List<String> differ = new ArrayList<>();
        for (CallResult.Field f : CallResult.Field.values()) {
            Object first = results.get(0).field(f);
            if (results.stream().anyMatch(r -> !r.field(f).equals(first))) {
                differ.add(f.id());
            }
        }
        return differ;
    }

    /** Re-runs transaction {@code tx} of a block on every engine from its own pre-state, recording host calls. */
    static ReplayOutcome.HostCallDiff hostCalls(List<EngineExecutor> engines, List<BlockExecution.Outcome.Completed> outcomes,
                                                int tx, PreparedModules modules, CodeStore code, BlockHeader header,
                                                Transaction transaction) {
        List<List<HostCallTrace.HostCall>> calls = new ArrayList<>();
        List<Optional<String>> failures = new ArrayList<>();
        for (int e = 0; e < engines.size(); e++) {
            BlockExecution.Outcome.Completed o = outcomes.get(e);
            WorldState pre = tx == 0 ? o.pre() : o.transactions().get(tx - 1).post();
            Execution ex = engines.get(e).execute(modules, pre, code, header, transaction, true);
            if (ex instanceof Execution.Completed c) {
                calls.add(c.hostCalls().recorded());
                failures.add(Optional.empty());
            } else {
                calls.add(List.of());
                failures.add(Optional.of(((Execution.Failed) ex).failure().message()));
            }
        }
        return compare(engines.stream().map(e -> e.descriptor().id()).toList(), calls, failures);
    }

    /** The first index at which the engines' call lists are not all the same call. */
    static ReplayOutcome.HostCallDiff compare(List<String> engines, List<List<HostCallTrace.HostCall>> calls,
                                              List<Optional<String>> failures) {
        int k = HostCallTrace.firstDifference(calls);
        Optional<HostCallTrace.HostCall> last = k == 0 ? Optional.empty() : Optional.of(calls.get(0).get(k - 1));
        List<ReplayOutcome.EngineCall> differing = new ArrayList<>();
        if (!calls.stream().allMatch(c -> c.size() == k)) { // else all ended at k: identical
            for (int e = 0; e < engines.size(); e++) {
                List<HostCallTrace.HostCall> c = calls.get(e);
                differing.add(new ReplayOutcome.EngineCall(engines.get(e),
                        k < c.size() ? Optional.of(c.get(k)) : Optional.empty(), c.size(), failures.get(e)));
            }
        }
        return new ReplayOutcome.HostCallDiff(k, last, differing);
    }
}

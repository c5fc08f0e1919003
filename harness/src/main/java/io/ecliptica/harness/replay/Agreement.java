package io.ecliptica.harness.replay;

import io.ecliptica.harness.chain.ChainGenesis;
import io.ecliptica.harness.exec.BlockExecution;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether every engine gave the same block: same results, receipts root, state root and gas. */
final class Agreement {
    private Agreement() {
    }

    /**
     * Empty if every engine completed the block identically; otherwise the engine failure or the
     * localized divergence. Closes {@code pipeline} first when it must re-run a transaction, so no
     * engine is used from two threads.
     */
    static Optional<ReplayOutcome> check(BlockHeader header, List<Transaction> txs, List<BlockExecution.Outcome> outcomes,
                                         List<EngineExecutor> engines, PreparedModules modules, ChainGenesis genesis,
                                         BlockPipeline pipeline) {
        for (int e = 0; e < outcomes.size(); e++) {
            if (outcomes.get(e) instanceof BlockExecution.Outcome.Failed f) {
                return Optional.of(new ReplayOutcome.EngineFailed(header.height(), f.txIndex(),
                        engines.get(e).descriptor().id(), f.failure()));
            }
        }
        List<BlockExecution.Outcome.Completed> done = outcomes.stream()
                .map(o -> (BlockExecution.Outcome.Completed) o).toList();
        BlockExecution.Outcome.Completed first = done.get(0);
        boolean same = done.stream().allMatch(o -> o.stateRoot().equals(first.stateRoot())
                && o.receiptsRoot().equals(first.receiptsRoot()) && o.gasUsed() == first.gasUsed());
        if (same) {
            return Optional.empty();
        }
        pipeline.close();
        int tx = Localizer.firstDifferingTx(done);
        if (tx < 0) {
            // identical receipts but different roots would be a harness bug: say so rather than guess
            throw new IllegalStateException("block " + header.height() + ": roots differ across engines but no receipt does");
        }
        List<ReplayOutcome.EngineResult> results = new ArrayList<>();
        List<CallResult> plain = new ArrayList<>();
        for (int e = 0; e < done.size(); e++) {
            BlockExecution.TxOutcome t = done.get(e).transactions().get(tx);
            results.add(new ReplayOutcome.EngineResult(engines.get(e).descriptor().id(), t.result(), t.receiptDigest()));
            plain.add(t.result());
        }
        Transaction transaction = txs.get(tx);
        return Optional.of(new ReplayOutcome.Diverged(header.height(), tx, transaction, genesis.nameOf(transaction.to()),
                results, Localizer.differingFields(plain),
                Localizer.hostCalls(engines, done, tx, modules, genesis.code(), header, transaction)));
    }
}

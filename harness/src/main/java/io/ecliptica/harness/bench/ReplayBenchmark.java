package io.ecliptica.harness.bench;

import io.ecliptica.harness.chain.ChainReader;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.replay.ChainRecorder;
import io.ecliptica.harness.replay.Checkpoints;
import io.ecliptica.harness.replay.ReplayOutcome;
import io.ecliptica.harness.replay.Replayer;
import io.ecliptica.harness.vector.VectorFormatException;
import io.ecliptica.harness.workload.Workload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench replay}: generates a token chain, then replays it on every engine and measures, in
 * that one replay, each engine's throughput and the harness's overhead: total wall time of the
 * replay divided by the sum of the engines' own execution time, where an engine's execution of a
 * block is its VM calls plus the state transition they imply (writes applied, the state root after
 * every transaction, receipts), the work any node executing the chain does. The ratio to the VM
 * calls alone is reported beside it. Engines take turns block by block
 * during the measured replay, so wall time adds their times up instead of overlapping them (with
 * engines in parallel the ratio would say more about the core count than about the harness).
 */
public final class ReplayBenchmark {

    /**
     * One engine's figures: {@code laneSeconds} = time its lane spent running blocks (engine plus
     * per-transaction harness work), {@code engineSeconds} = the engine's own call time.
     */
    public record EngineFigures(String engine, double laneSeconds, double engineSeconds, long transactions) {
        public double txPerSecond() {
            return transactions / laneSeconds;
        }

        public double engineTxPerSecond() {
            return transactions / engineSeconds;
        }
    }

    /** Figures of one run; {@code outcome} says whether every engine agreed with the recording. */
    public record Result(ReplayOutcome generated, double generateSeconds, ReplayOutcome replayed, double replaySeconds,
                         List<EngineFigures> engines) {
        /** Wall time / sum of the engines' block execution time (VM calls and state transition). */
        public double overhead() {
            return replaySeconds / engines.stream().mapToDouble(EngineFigures::laneSeconds).sum();
        }

        /** Wall time / sum of the engines' VM call time alone. */
        public double overVmCalls() {
            return replaySeconds / engines.stream().mapToDouble(EngineFigures::engineSeconds).sum();
        }
    }

    private ReplayBenchmark() {
    }

    public static Result run(ChainRecorder.Plan plan, Workload workload, List<EngineExecutor> engines,
                             PreparedModules modules, Path chain, Replayer.Listener listener)
            throws IOException, InterruptedException, VectorFormatException, Replayer.ReplayInputException {
        long g0 = System.nanoTime();
        ReplayOutcome generated = ChainRecorder.record(plan, workload, engines, modules, chain, listener);
        double generateSeconds = (System.nanoTime() - g0) / 1e9;
        if (!(generated instanceof ReplayOutcome.Agreed)) {
            return new Result(generated, generateSeconds, generated, 0, List.of());
        }
        long[] engineBefore = engines.stream().mapToLong(EngineExecutor::engineNanos).toArray();
        long[][] lanes = new long[1][];
        Replayer.Listener measuring = new Replayer.Listener() {
            @Override
            public void started(long firstHeight, long lastHeight, List<String> ids) {
                listener.started(firstHeight, lastHeight, ids);
            }

            @Override
            public void checked(long height, int transactions, long[] finished) {
                listener.checked(height, transactions, finished);
            }

            @Override
            public void finished(long[] laneBusyNanos) {
                lanes[0] = laneBusyNanos;
            }

            @Override
            public void done() {
                listener.done();
            }
        };
        long r0 = System.nanoTime();
        ReplayOutcome replayed;
        try (ChainReader reader = ChainReader.open(chain)) {
            replayed = Replayer.replay(reader, engines, modules,
                    new Replayer.Options(1, 0, Optional.<Checkpoints>empty(), 16, true), measuring);
        }
        double replaySeconds = (System.nanoTime() - r0) / 1e9;
        List<EngineFigures> figures = new ArrayList<>();
        long txs = replayed instanceof ReplayOutcome.Agreed a ? a.transactions() : 0;
        for (int i = 0; i < engines.size(); i++) {
            figures.add(new EngineFigures(engines.get(i).descriptor().id(), lanes[0] == null ? 0 : lanes[0][i] / 1e9,
                    (engines.get(i).engineNanos() - engineBefore[i]) / 1e9, txs));
        }
        return new Result(generated, generateSeconds, replayed, replaySeconds, figures);
    }
}

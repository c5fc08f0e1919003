package io.ecliptica.harness.replay;

import io.ecliptica.harness.chain.ChainBlock;
import io.ecliptica.harness.chain.ChainGenesis;
import io.ecliptica.harness.chain.ChainReader;
import io.ecliptica.harness.exec.BlockExecution;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateStore;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.harness.vector.VectorFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Replays a chain file on several engines (docs/chain-format.md §7): every block's state root,
 * receipts root and gas used must be the same on every engine and equal to the recording. Stops at
 * the first block where that fails and localizes it. Streams the chain: memory holds the blocks in
 * flight, not the chain.
 */
public final class Replayer {

    /**
     * @param fromBlock       first block to replay; the state before it comes from the nearest
     *                        checkpoint at or below {@code fromBlock - 1} (or genesis)
     * @param checkpointEvery write a checkpoint after every block whose height is a multiple (0: never)
     * @param window          how many blocks the fastest engine may run ahead of the slowest
     * @param oneAtATime      run one engine at a time (benchmarks)
     * @param store           where the engines' world states live (the caller opens and closes it)
     */
    public record Options(long fromBlock, int checkpointEvery, Optional<Checkpoints> checkpoints, int window,
                          boolean oneAtATime, StateStore store) {
        /** States in memory. */
        public Options(long fromBlock, int checkpointEvery, Optional<Checkpoints> checkpoints, int window,
                       boolean oneAtATime) {
            this(fromBlock, checkpointEvery, checkpoints, window, oneAtATime, StateStore.MEMORY);
        }

        public static Options defaults() {
            return new Options(1, 0, Optional.empty(), 16, false);
        }

        /** These options with the states in {@code store}. */
        public Options withStore(StateStore store) {
            return new Options(fromBlock, checkpointEvery, checkpoints, window, oneAtATime, store);
        }
    }

    /** Progress events, on the replaying thread. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        /** Replay starts at {@code firstHeight}; {@code lastHeight} is -1 when the chain does not say. */
        default void started(long firstHeight, long lastHeight, List<String> engines) {
        }

        /** Block {@code height} was checked; {@code finished} = blocks each engine has run so far. */
        default void checked(long height, int transactions, long[] finished) {
        }

        default void note(String message) {
        }

        /** Replay got to the end; {@code laneBusyNanos} = time each engine's lane spent running blocks. */
        default void finished(long[] laneBusyNanos) {
        }

        default void done() {
        }
    }

    /** A chain problem found before any engine ran: bad checkpoint, or a profile this harness does not have. */
    public static final class ReplayInputException extends Exception {
        public ReplayInputException(String message) {
            super(message, null, false, false);
        }
    }

    private Replayer() {
    }

    public static ReplayOutcome replay(ChainReader chain, List<EngineExecutor> engines, PreparedModules modules,
                                       Options options, Listener listener)
            throws VectorFormatException, IOException, InterruptedException, ReplayInputException {
        ChainGenesis genesis = chain.genesis();
        WorldState start = genesis.state();
        long startHeight = 0;
        Optional<Checkpoints.Snapshot> snapshot = Optional.empty();
        if (options.fromBlock() > 1 && options.checkpoints().isPresent()) {
            Checkpoints cp = options.checkpoints().get();
            Optional<Long> at = cp.nearest(options.fromBlock() - 1);
            if (at.isPresent()) {
                try {
                    snapshot = Optional.of(cp.load(at.get()));
                } catch (Checkpoints.BadCheckpointException e) {
                    throw new ReplayInputException(e.getMessage());
                }
                start = snapshot.get().state();
                startHeight = at.get();
            } else {
                listener.note("no checkpoint at or below block " + (options.fromBlock() - 1) + " in "
                        + cp.dir() + ": replaying from genesis");
            }
        }
        // Skip to the checkpoint; the snapshot counts only if it is the state the chain recorded there.
        while (snapshot.isPresent()) {
            Optional<ChainBlock> b = chain.next();
            if (b.isEmpty()) {
                throw new ReplayInputException(snapshot.get().file() + ": block " + startHeight + " is past the chain's end");
            }
            if (b.get().height() == startHeight) {
                if (!b.get().recorded().stateRoot().equals(start.stateRoot())) {
                    throw new ReplayInputException(snapshot.get().file() + ": state root " + start.stateRoot()
                            + " is not the chain's recorded root of block " + startHeight + " ("
                            + b.get().recorded().stateRoot() + ")");
                }
                break;
            }
        }
        long last = chain.header().generator().map(g -> (long) g.blocks()).orElse(-1L);
        listener.started(startHeight + 1, last, engines.stream().map(e -> e.descriptor().id()).toList());
        Deque<ChainBlock> inFlight = new ArrayDeque<>();
        Judge judge = new Judge(engines, modules, genesis, options, listener);
        // stored once, so every lane starts from the same stored nodes
        WorldState stored = options.store().commit(start);
        try (BlockPipeline pipeline = new BlockPipeline(engines, modules, genesis.code(), stored, options.window(),
                options.oneAtATime(), options.store())) {
            judge.pipeline = pipeline;
            while (true) {
                Optional<ChainBlock> next = chain.next();
                if (next.isEmpty()) {
                    break;
                }
                ChainBlock b = next.get();
                pipeline.submit(new BlockPipeline.Block(b.header(), b.transactions()));
                inFlight.add(b);
                List<BlockExecution.Outcome> ready;
                while ((ready = pipeline.poll()) != null) {
                    Optional<ReplayOutcome> stop = judge.check(inFlight.poll(), ready);
                    if (stop.isPresent()) {
                        return stop.get();
                    }
                }
            }
            while (!inFlight.isEmpty()) {
                Optional<ReplayOutcome> stop = judge.check(inFlight.poll(), pipeline.take());
                if (stop.isPresent()) {
                    return stop.get();
                }
            }
            listener.finished(pipeline.busyNanos());
        } finally {
            listener.done();
        }
        return new ReplayOutcome.Agreed(startHeight + 1, judge.lastHeight, judge.transactions,
                judge.lastRoot == null ? start.stateRoot() : judge.lastRoot, startHeight);
    }

    /** Checks one block's outcomes in block order; the first failure ends the replay. */
    private static final class Judge {
        private final List<EngineExecutor> engines;
        private final PreparedModules modules;
        private final ChainGenesis genesis;
        private final Options options;
        private final Listener listener;
        BlockPipeline pipeline;
        long lastHeight;
        long transactions;
        Bytes lastRoot;

        Judge(List<EngineExecutor> engines, PreparedModules modules, ChainGenesis genesis, Options options,
              Listener listener) {
            this.engines = engines;
            this.modules = modules;
            this.genesis = genesis;
            this.options = options;
            this.listener = listener;
        }

        Optional<ReplayOutcome> check(ChainBlock block, List<BlockExecution.Outcome> outcomes) throws IOException {
            Optional<ReplayOutcome> disagreement = Agreement.check(block.header(), block.transactions(), outcomes,
                    engines, modules, genesis, pipeline);
            if (disagreement.isPresent()) {
                return disagreement;
            }
            BlockExecution.Outcome.Completed agreed = (BlockExecution.Outcome.Completed) outcomes.get(0);
            Optional<ReplayOutcome> mismatch = againstRecording(block, agreed);
            if (mismatch.isPresent()) {
                return mismatch;
            }
            lastHeight = block.height();
            lastRoot = agreed.stateRoot();
            transactions += block.transactions().size();
            if (options.checkpointEvery() > 0 && block.height() % options.checkpointEvery() == 0
                    && options.checkpoints().isPresent()) {
                options.checkpoints().get().write(block.height(), agreed.post());
            }
            listener.checked(block.height(), block.transactions().size(), pipeline.finished());
            return Optional.empty();
        }

        private Optional<ReplayOutcome> againstRecording(ChainBlock block, BlockExecution.Outcome.Completed agreed) {
            ChainBlock.Recorded rec = block.recorded();
            List<BlockExecution.TxOutcome> txs = agreed.transactions();
            int firstReceipt = -1;
            for (int t = 0; t < txs.size() && firstReceipt < 0; t++) {
                if (!txs.get(t).receiptDigest().equals(rec.receipts().get(t))) {
                    firstReceipt = t;
                }
            }
            String field;
            String recorded;
            String computed;
            if (!rec.stateRoot().equals(agreed.stateRoot())) {
                field = "stateRoot";
                recorded = rec.stateRoot().toHex();
                computed = agreed.stateRoot().toHex();
            } else if (!rec.receiptsRoot().equals(agreed.receiptsRoot())) {
                field = "receiptsRoot";
                recorded = rec.receiptsRoot().toHex();
                computed = agreed.receiptsRoot().toHex();
            } else if (rec.gasUsed() != agreed.gasUsed()) {
                field = "gasUsed";
                recorded = Long.toString(rec.gasUsed());
                computed = Long.toString(agreed.gasUsed());
            } else if (firstReceipt >= 0) {
                field = "receipt";
                recorded = rec.receipts().get(firstReceipt).toHex();
                computed = txs.get(firstReceipt).receiptDigest().toHex();
            } else {
                return Optional.empty();
            }
            pipeline.close();
            // the block's state is that after its last transaction: with every receipt as recorded,
            // the last one is where the recording contradicts itself
            int tx = firstReceipt >= 0 ? firstReceipt : txs.size() - 1;
            if (tx < 0) {
                return Optional.of(new ReplayOutcome.Mismatch(block.height(), field, recorded, computed, -1, null, "",
                        false, null, null, null));
            }
            return Optional.of(new ReplayOutcome.Mismatch(block.height(), field, recorded, computed, tx,
                    block.transactions().get(tx), genesis.nameOf(block.transactions().get(tx).to()), firstReceipt >= 0,
                    rec.receipts().get(tx), txs.get(tx).receiptDigest(), txs.get(tx).result()));
        }
    }

    /** Whether a checkpoint directory default is beside the chain: {@code CHAIN.checkpoints}. */
    public static Path defaultCheckpointDir(Path chain) {
        return chain.resolveSibling(chain.getFileName() + ".checkpoints");
    }
}

package io.ecliptica.harness.replay;

import io.ecliptica.harness.exec.BlockExecution;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.HarnessFailure;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.StateStore;
import io.ecliptica.harness.state.WorldState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a stream of blocks on several engines, each on its own lane (thread, world state, engine
 * worker), so a fast engine runs ahead of a slow one by up to {@code window} blocks instead of
 * waiting at every block. Outcomes come back per block, in block order, with every engine's
 * outcome; nothing an engine computes depends on another engine or on timing.
 */
final class BlockPipeline implements AutoCloseable {

    /** A block to run: its header and transactions. */
    record Block(BlockHeader header, List<Transaction> transactions) {
    }

    private static final Block STOP = new Block(new BlockHeader(-1, 0), List.of());

    private final List<Lane> lanes = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * @param oneAtATime run only one engine at any moment (for benchmarks: wall time then adds up
     *                   the engines' times instead of overlapping them)
     * @param store      where each lane keeps its state between blocks (committed after every block)
     */
    BlockPipeline(List<EngineExecutor> engines, PreparedModules modules, CodeStore code, WorldState start, int window,
                  boolean oneAtATime, StateStore store) {
        Semaphore turn = oneAtATime ? new Semaphore(1, true) : null;
        for (EngineExecutor e : engines) {
            lanes.add(new Lane(e, modules, code, start, window, turn, stopping, store));
        }
        lanes.forEach(Lane::start);
    }

    /** Hands {@code block} to every engine; waits while an engine is {@code window} blocks behind. */
    void submit(Block block) throws InterruptedException {
        for (Lane l : lanes) {
            l.in.put(block);
        }
    }

    /** The next block's outcomes if every engine has finished it, else null. */
    List<BlockExecution.Outcome> poll() {
        for (Lane l : lanes) {
            if (l.out.isEmpty()) {
                return null;
            }
        }
        List<BlockExecution.Outcome> outcomes = new ArrayList<>(lanes.size());
        for (Lane l : lanes) {
            outcomes.add(l.out.poll());
        }
        return outcomes;
    }

    /** The next block's outcomes, waiting for every engine. */
    List<BlockExecution.Outcome> take() throws InterruptedException {
        List<BlockExecution.Outcome> outcomes = new ArrayList<>(lanes.size());
        for (Lane l : lanes) {
            outcomes.add(l.out.take());
        }
        return outcomes;
    }

    /** Blocks each engine has finished so far, in engine order. */
    long[] finished() {
        return lanes.stream().mapToLong(l -> l.finished.get()).toArray();
    }

    /** Nanoseconds each engine's lane spent running blocks (engine time plus the per-transaction harness work). */
    long[] busyNanos() {
        return lanes.stream().mapToLong(l -> l.busy.get()).toArray();
    }

    /** Stops every lane after its current block and waits for it, so the engines are free again. */
    @Override
    public void close() {
        stopping.set(true);
        for (Lane l : lanes) {
            l.in.clear();
            l.in.offer(STOP);
        }
        for (Lane l : lanes) {
            try {
                l.thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One engine's thread: takes blocks in order and runs each from the state the previous one left. */
    private static final class Lane implements Runnable {
        final BlockingQueue<Block> in;
        final BlockingQueue<BlockExecution.Outcome> out = new LinkedBlockingQueue<>();
        final AtomicLong finished = new AtomicLong();
        final AtomicLong busy = new AtomicLong();
        final Thread thread;
        private final EngineExecutor engine;
        private final PreparedModules modules;
        private final CodeStore code;
        private final Semaphore turn;
        private final AtomicBoolean stopping;
        private final StateStore store;
        private WorldState state;

        Lane(EngineExecutor engine, PreparedModules modules, CodeStore code, WorldState start, int window, Semaphore turn,
             AtomicBoolean stopping, StateStore store) {
            this.store = store;
            this.engine = engine;
            this.modules = modules;
            this.code = code;
            this.state = start;
            this.turn = turn;
            this.stopping = stopping;
            this.in = new ArrayBlockingQueue<>(Math.max(1, window));
            this.thread = Thread.ofPlatform().daemon().name("lane-" + engine.descriptor().id()).unstarted(this);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Block b = in.take();
                    if (b == STOP || stopping.get()) {
                        return;
                    }
                    out.add(runOne(b));
                    finished.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private BlockExecution.Outcome runOne(Block b) throws InterruptedException {
            if (turn != null) {
                turn.acquire();
            }
            long start = System.nanoTime();
            try {
                BlockExecution.Outcome o = BlockExecution.run(engine, modules, code, state, b.header(), b.transactions());
                if (o instanceof BlockExecution.Outcome.Completed c) {
                    // the outcome keeps the in-memory post state for judging; the lane goes on from
                    // the stored one, so on disk the block's nodes are garbage once it is judged
                    state = store.commit(c.post());
                }
                return o;
            } catch (RuntimeException e) {
                // a harness bug while running this engine is reported as this engine's failure
                return new BlockExecution.Outcome.Failed(state, List.of(), 0, new HarnessFailure(
                        HarnessFailure.Kind.ENGINE_ERROR, "harness error " + e.getClass().getName() + ": " + e.getMessage()));
            } finally {
                busy.addAndGet(System.nanoTime() - start);
                if (turn != null) {
                    turn.release();
                }
            }
        }
    }
}

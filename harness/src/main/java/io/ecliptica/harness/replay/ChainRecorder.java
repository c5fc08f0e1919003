package io.ecliptica.harness.replay;

import io.ecliptica.harness.HarnessVersion;
import io.ecliptica.harness.abi.HostAbi;
import io.ecliptica.harness.chain.ChainBlock;
import io.ecliptica.harness.chain.ChainGenesis;
import io.ecliptica.harness.chain.ChainHeader;
import io.ecliptica.harness.chain.ChainWriter;
import io.ecliptica.harness.exec.BlockExecution;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.StateStore;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.harness.vector.Provenance;
import io.ecliptica.harness.workload.Rng;
import io.ecliptica.harness.workload.Workload;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gen-chain}: draws the blocks of a workload, runs each on every engine, and records its
 * roots, gas and receipt digests only if every engine agrees (docs/chain-format.md §6). Nothing is
 * left at the target path unless the whole chain was recorded.
 */
public final class ChainRecorder {
    /** Time of block 0; block h is {@code GENESIS_TIME + BLOCK_SECONDS * h}. */
    public static final long GENESIS_TIME = 1_767_225_600L;
    public static final long BLOCK_SECONDS = 6;

    /** What to generate. */
    public record Plan(String workload, long seed, int blocks, int txsPerBlock, int accounts) {
    }

    private ChainRecorder() {
    }

    public static ReplayOutcome record(Plan plan, Workload workload, List<EngineExecutor> engines, PreparedModules modules,
                                       Path out, Replayer.Listener listener) throws IOException, InterruptedException {
        return record(plan, workload, engines, modules, out, listener, StateStore.MEMORY);
    }

    /** As above, with the engines' states in {@code store} (the same bytes whatever the store). */
    public static ReplayOutcome record(Plan plan, Workload workload, List<EngineExecutor> engines, PreparedModules modules,
                                       Path out, Replayer.Listener listener, StateStore store)
            throws IOException, InterruptedException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".chain-", ".tmp");
        boolean written = false;
        try {
            ReplayOutcome outcome;
            try (OutputStream stream = Files.newOutputStream(tmp); ChainWriter writer = new ChainWriter(stream)) {
                outcome = record(plan, workload, engines, modules, writer, listener, store);
            }
            if (outcome instanceof ReplayOutcome.Agreed) {
                readableByAll(tmp);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written = true;
            }
            return outcome;
        } finally {
            if (!written) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A temporary file is private to its owner; the chain it becomes is an ordinary file. */
    static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // the platform's default for new files applies
        }
    }

    private static ReplayOutcome record(Plan plan, Workload workload, List<EngineExecutor> engines,
                                        PreparedModules modules, ChainWriter writer, Replayer.Listener listener,
                                        StateStore store) throws IOException, InterruptedException {
        List<Provenance.FilledBy> by = engines.stream().map(EngineExecutor::descriptor)
                .map(Provenance.FilledBy::of).toList();
        writer.header(new ChainHeader("gen-chain " + plan.workload() + ": " + plan.blocks() + " blocks of "
                + plan.txsPerBlock() + " transactions over " + plan.accounts() + " accounts, seed " + plan.seed(),
                modules.profile().id(), modules.profile().costTableHash(), HostAbi.ID, StateRootScheme.ID,
                HarnessVersion.label(), Optional.of(new ChainHeader.Generator(plan.workload(), plan.seed(), plan.blocks(),
                plan.txsPerBlock(), plan.accounts())), by));
        WorldState state = WorldState.empty();
        CodeStore code = CodeStore.empty();
        List<ChainGenesis.Contract> contracts = new ArrayList<>();
        for (Workload.Contract c : workload.contracts()) {
            writer.contract(c.name(), c.address(), c.code(), c.source());
            Bytes codeHash = StateRootScheme.codeHash(c.code());
            code = code.with(c.code());
            state = state.withAccount(c.address(), codeHash);
            for (Map.Entry<Bytes, Bytes> kv : c.storage().entrySet()) {
                state = state.withStorage(c.address(), kv.getKey(), kv.getValue());
            }
            contracts.add(new ChainGenesis.Contract(c.name(), c.address(), codeHash, c.source()));
        }
        for (Workload.Contract c : workload.contracts()) {
            writer.storage(c.address(), c.storage());
        }
        writer.genesis(state.stateRoot());
        ChainGenesis genesis = new ChainGenesis(contracts, state, code);

        Rng rng = new Rng(plan.seed());
        listener.started(1, plan.blocks(), engines.stream().map(e -> e.descriptor().id()).toList());
        Deque<BlockPipeline.Block> inFlight = new ArrayDeque<>();
        long transactions = 0;
        Bytes root = state.stateRoot();
        try (BlockPipeline pipeline = new BlockPipeline(engines, modules, code, store.commit(state), 16, false, store)) {
            for (long h = 1; h <= plan.blocks() || !inFlight.isEmpty(); h++) {
                if (h <= plan.blocks()) {
                    List<Transaction> txs = new ArrayList<>(plan.txsPerBlock());
                    for (int i = 0; i < plan.txsPerBlock(); i++) {
                        txs.add(workload.next(h, rng));
                    }
                    BlockPipeline.Block b = new BlockPipeline.Block(new BlockHeader(h, GENESIS_TIME + BLOCK_SECONDS * h), txs);
                    pipeline.submit(b);
                    inFlight.add(b);
                }
                List<BlockExecution.Outcome> ready;
                while ((ready = h <= plan.blocks() ? pipeline.poll() : pipeline.take()) != null) {
                    BlockPipeline.Block p = inFlight.poll();
                    Optional<ReplayOutcome> disagreement = Agreement.check(p.header(), p.transactions(), ready, engines, modules,
                            genesis, pipeline);
                    if (disagreement.isPresent()) {
                        return disagreement.get();
                    }
                    BlockExecution.Outcome.Completed agreed = (BlockExecution.Outcome.Completed) ready.get(0);
                    writer.block(new ChainBlock(p.header(), p.transactions(), new ChainBlock.Recorded(agreed.stateRoot(),
                            agreed.receiptsRoot(), agreed.gasUsed(),
                            agreed.transactions().stream().map(BlockExecution.TxOutcome::receiptDigest).toList())));
                    transactions += p.transactions().size();
                    root = agreed.stateRoot();
                    listener.checked(p.header().height(), p.transactions().size(), pipeline.finished());
                    if (inFlight.isEmpty()) {
                        break;
                    }
                }
            }
        } finally {
            listener.done();
        }
        writer.end(plan.blocks(), transactions, root);
        return new ReplayOutcome.Agreed(1, plan.blocks(), transactions, root, 0);
    }
}

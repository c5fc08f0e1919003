package io.ecliptica.harness.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecliptica.harness.chain.ChainReader;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.state.RocksStateStore;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.harness.workload.BundledContracts;
import io.ecliptica.harness.workload.Workloads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** gen-chain and replay end to end on two real engines, on a small token chain. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayTest {
    private static final int BLOCKS = 8;
    private static final int TXS = 25;

    private Path dir;
    private List<EngineExecutor> engines;
    private PreparedModules modules;
    private Path chain;
    private List<String> lines;

    @BeforeAll
    void generate(@TempDir Path tmp) throws Exception {
        dir = tmp;
        EngineRegistry registry = EngineRegistry.discover();
        engines = new ArrayList<>();
        for (String id : List.of("chicory-interpreter", "wasmtime")) {
            engines.add(new EngineExecutor(registry.provider(id).orElseThrow().create(),
                    new EngineExecutor.Limits(Duration.ofSeconds(20), Duration.ofSeconds(120))));
        }
        modules = new PreparedModules(Profiles.byId("ecliptica-v1"));
        chain = dir.resolve("token.jsonl");
        ReplayOutcome recorded = record(chain, 3);
        assertInstanceOf(ReplayOutcome.Agreed.class, recorded, () -> recorded.toString());
        lines = Files.readAllLines(chain, StandardCharsets.UTF_8);
    }

    @AfterAll
    void close() {
        engines.forEach(EngineExecutor::close);
    }

    private ReplayOutcome record(Path out, long seed) throws Exception {
        return ChainRecorder.record(new ChainRecorder.Plan("token", seed, BLOCKS, TXS, 40),
                Workloads.create("token", new BundledContracts(Path.of("../vectors/contracts")), 40), engines, modules,
                out, Replayer.Listener.NONE);
    }

    private ReplayOutcome replay(Path file, Replayer.Options options) throws Exception {
        try (ChainReader r = ChainReader.open(file)) {
            return Replayer.replay(r, engines, modules, options, Replayer.Listener.NONE);
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherChain() throws Exception {
        Path again = dir.resolve("again.jsonl");
        record(again, 3);
        assertArrayEquals(Files.readAllBytes(chain), Files.readAllBytes(again));
        Path other = dir.resolve("other.jsonl");
        record(other, 4);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(chain), Files.readAllBytes(other)));
    }

    @Test
    void theRocksDbStateStoreReplaysToTheRecordedRoots() throws Exception {
        ReplayOutcome inMemory = replay(chain, Replayer.Options.defaults());
        Path storeDir = dir.resolve("state-db");
        ReplayOutcome onDisk;
        try (RocksStateStore store = RocksStateStore.open(storeDir, 256)) {
            onDisk = replay(chain, Replayer.Options.defaults().withStore(store));
            assertTrue(store.approximateBytes() > 0, "the states went into the store");
        }
        // Agreed = every block's state root, receipts root and gas equal to the recording
        ReplayOutcome.Agreed agreed = assertInstanceOf(ReplayOutcome.Agreed.class, onDisk, () -> onDisk.toString());
        assertEquals(BLOCKS, agreed.lastHeight());
        assertEquals(((ReplayOutcome.Agreed) inMemory).finalStateRoot(), agreed.finalStateRoot());
    }

    @Test
    void genChainOnTheRocksDbStateStoreWritesTheSameBytes() throws Exception {
        Path onDisk = dir.resolve("rocks.jsonl");
        try (RocksStateStore store = RocksStateStore.temporary(64)) {
            ChainRecorder.record(new ChainRecorder.Plan("token", 3, BLOCKS, TXS, 40),
                    Workloads.create("token", new BundledContracts(Path.of("../vectors/contracts")), 40), engines, modules,
                    onDisk, Replayer.Listener.NONE, store);
        }
        assertArrayEquals(Files.readAllBytes(chain), Files.readAllBytes(onDisk));
    }

    @Test
    void theWorkloadMixesSuccessesRevertsAndTraps() throws Exception {
        // recorded receipts do not say the status; replaying block by block through the engine does
        ReplayOutcome outcome = replay(chain, Replayer.Options.defaults());
        assertInstanceOf(ReplayOutcome.Agreed.class, outcome);
        int ok = 0;
        int revert = 0;
        int trap = 0;
        try (ChainReader r = ChainReader.open(chain)) {
            WorldState state = r.genesis().state();
            for (var b = r.next(); b.isPresent(); b = r.next()) {
                var o = (io.ecliptica.harness.exec.BlockExecution.Outcome.Completed) io.ecliptica.harness.exec.BlockExecution
                        .run(engines.get(1), modules, r.genesis().code(), state, b.get().header(), b.get().transactions());
                state = o.post();
                for (var t : o.transactions()) {
                    ok += t.result().status() == Status.OK ? 1 : 0;
                    revert += t.result().status() == Status.REVERT ? 1 : 0;
                    trap += t.result().status() == Status.TRAP ? 1 : 0;
                }
            }
        }
        assertTrue(ok > BLOCKS * TXS / 2, "mostly successful: " + ok);
        assertTrue(revert > 0, "some reverts");
        assertTrue(trap > 0, "some traps");
    }

    @Test
    void aFaithfulChainReplaysToTheRecordedFinalRoot() throws Exception {
        ReplayOutcome outcome = replay(chain, Replayer.Options.defaults());
        ReplayOutcome.Agreed a = assertInstanceOf(ReplayOutcome.Agreed.class, outcome);
        assertEquals(BLOCKS, a.lastHeight());
        assertEquals(BLOCKS * TXS, a.transactions());
        JsonNode end = new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("end");
        assertEquals(end.get("stateRoot").asText(), a.finalStateRoot().toHex());
    }

    @Test
    void anAlteredBlockRootStopsAtThatBlockAndNamesItsLastTransaction() throws Exception {
        Path altered = edit("altered-root.jsonl", 5, l -> {
            String root = l.replaceAll(".*\"expect\":\\{\"stateRoot\":\"(0x[0-9a-f]{64})\".*", "$1");
            return l.replace("\"expect\":{\"stateRoot\":\"" + root, "\"expect\":{\"stateRoot\":\"0x" + "ee".repeat(32));
        });
        ReplayOutcome.Mismatch m = assertInstanceOf(ReplayOutcome.Mismatch.class,
                replay(altered, Replayer.Options.defaults()));
        assertEquals(5, m.height());
        assertEquals("stateRoot", m.field());
        assertEquals("0x" + "ee".repeat(32), m.recorded());
        assertEquals(TXS - 1, m.txIndex());
        assertFalse(m.receiptDiffers());
    }

    @Test
    void anAlteredReceiptNamesItsTransaction() throws Exception {
        Path altered = edit("altered-receipt.jsonl", 3, l -> {
            int at = occurrence(l, "\"receipt\":\"0x", 7) + "\"receipt\":\"0x".length();
            return l.substring(0, at) + (l.charAt(at) == '0' ? '1' : '0') + l.substring(at + 1);
        });
        ReplayOutcome.Mismatch m = assertInstanceOf(ReplayOutcome.Mismatch.class,
                replay(altered, Replayer.Options.defaults()));
        assertEquals(3, m.height());
        assertEquals("receipt", m.field());
        assertEquals(7, m.txIndex());
        assertTrue(m.receiptDiffers());
    }

    @Test
    void replayResumesFromTheNearestCheckpointToTheSameFinalRoot() throws Exception {
        Checkpoints cp = new Checkpoints(dir.resolve("checkpoints"));
        ReplayOutcome.Agreed full = assertInstanceOf(ReplayOutcome.Agreed.class,
                replay(chain, new Replayer.Options(1, 3, Optional.of(cp), 4, false)));
        assertTrue(Files.exists(cp.dir().resolve("block-000000000003.ckpt")));
        assertTrue(Files.exists(cp.dir().resolve("block-000000000006.ckpt")));
        assertFalse(Files.exists(cp.dir().resolve("block-000000000004.ckpt")));

        ReplayOutcome.Agreed resumed = assertInstanceOf(ReplayOutcome.Agreed.class,
                replay(chain, new Replayer.Options(6, 0, Optional.of(cp), 4, false)));
        assertEquals(3, resumed.resumedFrom(), "nearest checkpoint at or below block 5");
        assertEquals(4, resumed.firstHeight());
        assertEquals(full.finalStateRoot(), resumed.finalStateRoot());
        assertEquals((BLOCKS - 3) * TXS, resumed.transactions());
    }

    @Test
    void aDamagedCheckpointIsRefused() throws Exception {
        Checkpoints cp = new Checkpoints(dir.resolve("damaged"));
        replay(chain, new Replayer.Options(1, 4, Optional.of(cp), 4, false));
        Path file = cp.dir().resolve("block-000000000004.ckpt");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        Replayer.ReplayInputException e = assertThrows(Replayer.ReplayInputException.class,
                () -> replay(chain, new Replayer.Options(5, 0, Optional.of(cp), 4, false)));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void aConsistentCheckpointOfTheWrongStateIsRefusedAgainstTheRecordedRoot() throws Exception {
        Checkpoints cp = new Checkpoints(dir.resolve("wrong"));
        try (ChainReader r = ChainReader.open(chain)) {
            cp.write(2, r.genesis().state());
        }
        Replayer.ReplayInputException e = assertThrows(Replayer.ReplayInputException.class,
                () -> replay(chain, new Replayer.Options(3, 0, Optional.of(cp), 4, false)));
        assertTrue(e.getMessage().contains("is not the chain's recorded root of block 2"), e.getMessage());
    }

    private Path edit(String name, int height, java.util.function.UnaryOperator<String> change) throws Exception {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.startsWith("{\"block\":{\"height\":" + height + ",") ? change.apply(l) : l);
        }
        Path file = dir.resolve(name);
        Files.write(file, out, StandardCharsets.UTF_8);
        return file;
    }

    /** Where the k-th (0-based) occurrence of needle starts. */
    private static int occurrence(String s, String needle, int k) {
        int at = -1;
        for (int i = 0; i <= k; i++) {
            at = s.indexOf(needle, at + 1);
        }
        return at;
    }
}

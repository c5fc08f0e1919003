package io.ecliptica.harness.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.WorldState;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/abi.md §4 (status, classes, atomicity) through the executor on a real engine. The
 * normalization is engine-independent; the engine TCK shows every engine feeds it the same inputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorTest {
    private static final Bytes CONTRACT = Bytes.fromHex("0x" + "00".repeat(31) + "01");
    private static final Bytes SENDER = Bytes.fromHex("0x" + "aa".repeat(32));
    private static final BlockHeader BLOCK = new BlockHeader(1, 0);

    /** Raw modules: these tests are about the ABI outcomes, not metering. */
    private static final PreparedModules NONE = new PreparedModules(Profiles.byId("none"));

    private EngineExecutor executor;
    private CodeStore code;
    private WorldState pre;

    @BeforeAll
    void start() throws Exception {
        executor = new EngineExecutor(EngineRegistry.discover().provider("chicory-interpreter").orElseThrow().create(),
                new EngineExecutor.Limits(Duration.ofSeconds(2), Duration.ofSeconds(60)));
        byte[] wasm = load("executor");
        code = CodeStore.empty().with(wasm);
        pre = WorldState.empty().withAccount(CONTRACT, StateRootScheme.codeHash(wasm))
                .withStorage(CONTRACT, Bytes.utf8("key"), Bytes.utf8("old"));
    }

    @AfterAll
    void stop() {
        executor.close();
    }

    private static byte[] load(String name) throws IOException {
        try (InputStream in = ExecutorTest.class.getResourceAsStream("/modules/" + name + ".wasm")) {
            return in.readAllBytes();
        }
    }

    private Execution.Completed run(String function, WasmValue... args) {
        return run(pre, function, args);
    }

    private Execution.Completed run(WorldState state, String function, WasmValue... args) {
        Execution e = executor.execute(NONE, state, code, BLOCK, new Transaction(SENDER, CONTRACT, function, Bytes.EMPTY, List.of(args), 1_000_000));
        return assertInstanceOf(Execution.Completed.class, e);
    }

    @Test
    void okAppliesWritesAndReportsEventsAndOutput() {
        Execution.Completed c = run("write_ok");
        CallResult r = c.result();
        assertEquals(Status.OK, r.status());
        assertEquals(Bytes.utf8("value"), r.output());
        assertEquals(List.of(new Event(CONTRACT, Bytes.utf8("key"), Bytes.utf8("value"))), r.events());
        assertEquals(List.of(StorageWrite.set(CONTRACT, Bytes.utf8("key"), Bytes.utf8("value"))), r.writes());
        WorldState expected = pre.withStorage(CONTRACT, Bytes.utf8("key"), Bytes.utf8("value"));
        assertEquals(expected.stateRoot(), r.stateRoot());
        assertEquals(expected.stateRoot(), c.post().stateRoot());
    }

    @Test
    void revertRollsBackAndReturnsTheMessage() {
        Execution.Completed c = run("write_then_revert");
        assertEquals(Status.REVERT, c.result().status());
        assertEquals("", c.result().errorClass());
        assertEquals(Bytes.utf8("msg"), c.result().output());
        assertEquals(List.of(), c.result().events());
        assertEquals(List.of(), c.result().writes());
        assertEquals(pre.stateRoot(), c.result().stateRoot());
        assertEquals(pre, c.post());
    }

    @Test
    void abortIsATrapWithItsMessage() {
        Execution.Completed c = run("write_then_abort");
        assertEquals(Status.TRAP, c.result().status());
        assertEquals("abort", c.result().errorClass());
        assertEquals(Bytes.utf8("msg"), c.result().output());
        assertEquals(pre, c.post());
    }

    @Test
    void wasmTrapRollsBackWithEmptyOutput() {
        Execution.Completed c = run("write_then_trap");
        assertEquals(Status.TRAP, c.result().status());
        assertEquals("unreachable", c.result().errorClass());
        assertTrue(c.result().output().isEmpty());
        assertEquals(pre, c.post());
    }

    @Test
    void hostMemoryFaultIsOutOfBoundsAndLimitIsAbiViolation() {
        assertEquals("out_of_bounds_memory", run("oob_host").result().errorClass());
        assertEquals("abi_violation", run("too_long").result().errorClass());
    }

    @Test
    void missingExportAndSignatureMismatchAreTraps() {
        CallResult missing = run("nope").result();
        assertEquals(Status.TRAP, missing.status());
        assertEquals("missing_export", missing.errorClass());
        assertEquals("missing_export", run("memory").result().errorClass());
        assertEquals("signature_mismatch", run("add", WasmValue.i32(1)).result().errorClass());
        assertEquals(List.of(WasmValue.i32(5)), run("add", WasmValue.i32(2), WasmValue.i32(3)).result().results());
    }

    @Test
    void noContractAtTheAddressIsInvalid() {
        Execution e = executor.execute(NONE, pre, code, BLOCK,
                new Transaction(SENDER, SENDER, "f", Bytes.EMPTY, List.of(), 1_000_000));
        CallResult r = assertInstanceOf(Execution.Completed.class, e).result();
        assertEquals(Status.INVALID, r.status());
        assertEquals("no_contract", r.errorClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "imports_unknown"})
    void badModulesAreInvalidWithTheirClass(String which) throws IOException {
        byte[] wasm = which.equals("garbage") ? new byte[] {0, 0x61, 0x73, 0x6d, 9, 9, 9, 9} : load(which);
        WorldState state = WorldState.empty().withAccount(CONTRACT, StateRootScheme.codeHash(wasm));
        Execution e = executor.execute(NONE, state, CodeStore.empty().with(wasm), BLOCK,
                new Transaction(SENDER, CONTRACT, "f", Bytes.EMPTY, List.of(), 1_000_000));
        CallResult r = assertInstanceOf(Execution.Completed.class, e).result();
        assertEquals(Status.INVALID, r.status());
        assertEquals(which.equals("garbage") ? "invalid_module" : "link_error", r.errorClass());
        assertEquals(state.stateRoot(), r.stateRoot());
    }

    @Test
    void runawayLoopIsStoppedByTheGuardAndTheEngineStaysUsable() {
        long t0 = System.nanoTime();
        Execution e = executor.execute(NONE, pre, code, BLOCK, new Transaction(SENDER, CONTRACT, "spin", Bytes.EMPTY, List.of(), 1_000_000));
        Execution.Failed f = assertInstanceOf(Execution.Failed.class, e);
        assertEquals(HarnessFailure.Kind.TIMEOUT, f.failure().kind());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos());
        assertEquals(Status.OK, run("write_ok").result().status());
    }
}

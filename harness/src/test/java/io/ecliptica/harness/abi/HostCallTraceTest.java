package io.ecliptica.harness.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.exec.BlockHeader;
import io.ecliptica.harness.exec.CodeStore;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.exec.Execution;
import io.ecliptica.harness.exec.PreparedModules;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.WorldState;
import io.ecliptica.text.Wat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** docs/abi.md §5: the host-call trace of a transaction, through the executor on a real engine. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostCallTraceTest {
    private static final Bytes CONTRACT = Bytes.fromHex("0x" + "00".repeat(31) + "07");
    private static final Bytes SENDER = Bytes.fromHex("0x" + "bb".repeat(32));

    // "k" at 0, "v1" at 8, "topic" at 16; storage_read reads into 64..
    private static final String WAT = """
            (module
              (import "ecliptica" "storage_read" (func $read (param i32 i32 i32 i32) (result i32)))
              (import "ecliptica" "storage_write" (func $write (param i32 i32 i32 i32)))
              (import "ecliptica" "emit_event" (func $event (param i32 i32 i32 i32)))
              (import "ecliptica" "revert" (func $revert (param i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "k")
              (data (i32.const 8) "v1")
              (data (i32.const 16) "topic")
              (func (export "run") (param $n i32)
                (drop (call $read (i32.const 0) (i32.const 1) (i32.const 64) (i32.const 4)))
                (i32.store8 (i32.const 9) (i32.add (i32.const 48) (local.get $n)))
                (call $write (i32.const 0) (i32.const 1) (i32.const 8) (i32.const 2))
                (call $event (i32.const 16) (i32.const 5) (i32.const 8) (i32.const 2)))
              (func (export "fail")
                (call $revert (i32.const 8) (i32.const 2)))
              (func (export "oob")
                (drop (call $read (i32.const 0) (i32.const 1) (i32.const -1) (i32.const 4)))))
            """;

    private EngineExecutor executor;
    private CodeStore code;
    private WorldState pre;
    private final PreparedModules raw = new PreparedModules(Profiles.byId("none"));

    @BeforeAll
    void start() throws Exception {
        executor = new EngineExecutor(EngineRegistry.discover().provider("chicory-interpreter").orElseThrow().create(),
                new EngineExecutor.Limits(Duration.ofSeconds(5), Duration.ofSeconds(60)));
        byte[] wasm = Wat.toWasm(WAT, "trace.wat");
        code = CodeStore.empty().with(wasm);
        pre = WorldState.empty().withAccount(CONTRACT, StateRootScheme.codeHash(wasm))
                .withStorage(CONTRACT, Bytes.utf8("k"), Bytes.utf8("old"));
    }

    @AfterAll
    void stop() {
        executor.close();
    }

    private Execution.Completed run(String function, boolean record, WasmValue... args) {
        Execution e = executor.execute(raw, pre, code, new BlockHeader(1, 0),
                new Transaction(SENDER, CONTRACT, function, Bytes.EMPTY, List.of(args), 1_000_000), record);
        return assertInstanceOf(Execution.Completed.class, e);
    }

    @Test
    void recordsEveryHostCallWithArgumentsDataAndResults() {
        HostCallTrace.Summary t = run("run", true, WasmValue.i32(5)).hostCalls();
        assertEquals(3, t.count());
        List<HostCallTrace.HostCall> calls = t.recorded();
        assertEquals(new HostCallTrace.HostCall(0, 0, "storage_read", List.of(0L, 1L, 64L, 4L),
                List.of(Bytes.utf8("k"), Bytes.utf8("old")), List.of(3L), ""), calls.get(0));
        assertEquals(new HostCallTrace.HostCall(1, 0, "storage_write", List.of(0L, 1L, 8L, 2L),
                List.of(Bytes.utf8("k"), Bytes.utf8("v5")), List.of(), ""), calls.get(1));
        assertEquals(new HostCallTrace.HostCall(2, 0, "emit_event", List.of(16L, 5L, 8L, 2L),
                List.of(Bytes.utf8("topic"), Bytes.utf8("v5")), List.of(), ""), calls.get(2));
    }

    @Test
    void digestIsTheHashChainOfTheDocumentedEncoding() throws Exception {
        HostCallTrace.Summary t = run("run", true, WasmValue.i32(5)).hostCalls();
        byte[] head = new byte[32];
        for (HostCallTrace.HostCall c : t.recorded()) {
            head = chainStep(head, c);
        }
        assertEquals(Bytes.of(head), t.digest());
    }

    @Test
    void digestIsKeptWithoutRecordingAndDependsOnTheData() {
        HostCallTrace.Summary recorded = run("run", true, WasmValue.i32(5)).hostCalls();
        HostCallTrace.Summary unrecorded = run("run", false, WasmValue.i32(5)).hostCalls();
        assertTrue(unrecorded.recorded().isEmpty());
        assertEquals(recorded.digest(), unrecorded.digest());
        assertEquals(3, unrecorded.count());
        assertNotEquals(recorded.digest(), run("run", false, WasmValue.i32(6)).hostCalls().digest());
    }

    @Test
    void aCallThatEndsTheTransactionIsRecordedWithItsSignal() {
        List<HostCallTrace.HostCall> revert = run("fail", true).hostCalls().recorded();
        assertEquals(List.of(new HostCallTrace.HostCall(0, 0, "revert", List.of(8L, 2L), List.of(Bytes.utf8("v1")),
                List.of(), "revert")), revert);
        // -1 arrives as an i32: recorded zero-extended, whatever the adapter's convention
        List<HostCallTrace.HostCall> oob = run("oob", true).hostCalls().recorded();
        assertEquals(List.of(new HostCallTrace.HostCall(0, 0, "storage_read", List.of(0L, 1L, 0xffff_ffffL, 4L),
                List.of(Bytes.utf8("k")), List.of(), "out_of_bounds_memory")), oob);
    }

    @Test
    void describeNamesTheCallForReports() {
        HostCallTrace.HostCall c = run("run", true, WasmValue.i32(5)).hostCalls().recorded().get(1);
        assertEquals("#1 storage_write(0, 1, 8, 2) 0x6b 0x7635", c.describe());
    }

    /** docs/abi.md §5, written from the document: head' = SHA-256(head || encoding of the call). */
    private static byte[] chainStep(byte[] head, HostCallTrace.HostCall c) throws Exception {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        e.writeBytes(java.nio.ByteBuffer.allocate(8).putInt(c.index()).putInt(c.depth()).array());
        byte[] name = c.function().getBytes(StandardCharsets.UTF_8);
        e.write(name.length);
        e.writeBytes(name);
        e.write(c.args().size());
        c.args().forEach(a -> e.writeBytes(java.nio.ByteBuffer.allocate(8).putLong(a).array()));
        e.write(c.data().size());
        c.data().forEach(d -> {
            e.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(d.length()).array());
            e.writeBytes(d.toByteArray());
        });
        e.write(c.results().size());
        c.results().forEach(r -> e.writeBytes(java.nio.ByteBuffer.allocate(8).putLong(r).array()));
        byte[] signal = c.signal().getBytes(StandardCharsets.UTF_8);
        e.write(signal.length);
        e.writeBytes(signal);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(head);
        return sha.digest(e.toByteArray());
    }
}

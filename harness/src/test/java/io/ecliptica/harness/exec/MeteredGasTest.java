package io.ecliptica.harness.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Status;
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

/**
 * gasUsed under ecliptica-v1 (docs/gas.md §2, docs/abi.md §4): exact after ok, revert and abort
 * (they end at a normal return or inside a host call, where the gas global is exact); the whole
 * limit after every other trap. Expected values are computed by hand from docs/gas.md: CONST 1,
 * CALL 5, host bases storage_write 5000 (+20 per key and value byte), emit_event 500 (+4 per
 * topic and data byte), return_data / revert / abort 50 (+1 per byte); a call of an import ends a
 * metered block.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeteredGasTest {
    private static final Bytes CONTRACT = Bytes.fromHex("0x" + "00".repeat(31) + "01");
    private static final Bytes SENDER = Bytes.fromHex("0x" + "aa".repeat(32));
    private static final BlockHeader BLOCK = new BlockHeader(1, 0);
    private static final long LIMIT = 1_000_000;
    private static final PreparedModules METERED = new PreparedModules(Profiles.byId("ecliptica-v1"));

    private EngineExecutor executor;
    private CodeStore code;
    private WorldState pre;

    @BeforeAll
    void start() throws Exception {
        executor = new EngineExecutor(EngineRegistry.discover().provider("chicory-interpreter").orElseThrow().create(),
                new EngineExecutor.Limits(Duration.ofSeconds(20), Duration.ofSeconds(60)));
        byte[] wasm;
        try (InputStream in = MeteredGasTest.class.getResourceAsStream("/modules/executor.wasm")) {
            wasm = in.readAllBytes();
        }
        code = CodeStore.empty().with(wasm);
        pre = WorldState.empty().withAccount(CONTRACT, StateRootScheme.codeHash(wasm));
    }

    @AfterAll
    void stop() {
        executor.close();
    }

    private CallResult run(String function, WasmValue... args) {
        Execution e = executor.execute(METERED, pre, code, BLOCK,
                new Transaction(SENDER, CONTRACT, function, Bytes.EMPTY, List.of(args), LIMIT));
        return assertInstanceOf(Execution.Completed.class, e).result();
    }

    @Test
    void okUsesExactlyWhatItWasCharged() throws IOException {
        // storage_write: 4 constants + 5 + 5000 + 20 * (3 + 5) = 5169; emit_event: 4 + 5 + 500 +
        // 4 * (3 + 5) = 541; return_data: 2 + 5 + 50 + 5 = 62
        CallResult r = run("write_ok");
        assertEquals(Status.OK, r.status());
        assertEquals(5169 + 541 + 62, r.gasUsed());
    }

    @Test
    void revertAndAbortKeepTheExactGas() {
        // storage_write with a 3-byte value: 4 + 5 + 5000 + 20 * 6 = 5129; emit_event 541;
        // revert / abort of a 3-byte message: 2 + 5 + 50 + 3 = 60
        CallResult revert = run("write_then_revert");
        assertEquals(Status.REVERT, revert.status());
        assertEquals(5129 + 541 + 60, revert.gasUsed());
        CallResult abort = run("write_then_abort");
        assertEquals(Status.TRAP, abort.status());
        assertEquals("abort", abort.errorClass());
        assertEquals(5129 + 60, abort.gasUsed());
    }

    @Test
    void everyOtherTrapUsesTheWholeLimit() {
        for (String[] c : List.of(
                new String[] {"write_then_trap", "unreachable"},
                new String[] {"oob_host", "out_of_bounds_memory"},
                new String[] {"too_long", "abi_violation"},
                new String[] {"spin", "out_of_gas"},
                new String[] {"no_such_export", "missing_export"})) {
            CallResult r = run(c[0]);
            assertEquals(Status.TRAP, r.status(), c[0]);
            assertEquals(c[1], r.errorClass(), c[0]);
            assertEquals(LIMIT, r.gasUsed(), c[0]);
        }
        CallResult mismatch = run("add", WasmValue.i32(1));
        assertEquals("signature_mismatch", mismatch.errorClass());
        assertEquals(LIMIT, mismatch.gasUsed());
    }
}

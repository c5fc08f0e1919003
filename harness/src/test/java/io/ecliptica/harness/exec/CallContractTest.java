package io.ecliptica.harness.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.crypto.AccountKeys;
import io.ecliptica.harness.crypto.CallInputCipher;
import io.ecliptica.harness.crypto.ChainSecret;
import io.ecliptica.harness.crypto.ViewingPublicKey;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Event;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.result.StorageWrite;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.WorldState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/abi.md §6 through the executor on a real engine, with the bundled proxy contract
 * (vectors/contracts/proxy/proxy.wat: a script of one-byte commands in its input). Expected values
 * come from §6 and gas.md §2/§6, never from a run: status codes, rollback, depth, and gas as exact
 * differences between two transactions that differ only in what the rules price.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallContractTest {
    private static final Bytes P1 = address("a1");
    private static final Bytes P2 = address("a2");
    private static final Bytes P3 = address("a3");
    /** Holds a module with no {@code call} export. */
    private static final Bytes NO_ENTRY = address("e0");
    private static final Bytes NOBODY = address("dd");
    private static final Bytes SENDER = Bytes.fromHex("0x" + "ab".repeat(32));
    private static final long ALL = Long.MAX_VALUE;
    private static final BlockHeader BLOCK = new BlockHeader(1, 0);
    private static final PreparedModules METERED = new PreparedModules(Profiles.byId("ecliptica-v1"));
    private static final PreparedModules UNMETERED = new PreparedModules(Profiles.byId("none"));

    private EngineExecutor executor;
    private CodeStore code;
    private WorldState pre;

    private static Bytes address(String last) {
        return Bytes.fromHex("0x" + "00".repeat(31) + last);
    }

    @BeforeAll
    void start() throws Exception {
        executor = executor("chicory-interpreter", Duration.ofSeconds(20));
        byte[] proxy = Files.readAllBytes(Path.of("../vectors/contracts/proxy/proxy.wasm"));
        byte[] noEntry;
        try (var in = CallContractTest.class.getResourceAsStream("/modules/executor.wasm")) {
            noEntry = in.readAllBytes();
        }
        code = CodeStore.empty().with(proxy).with(noEntry);
        Bytes proxyHash = StateRootScheme.codeHash(proxy);
        pre = WorldState.empty().withAccount(P1, proxyHash).withAccount(P2, proxyHash).withAccount(P3, proxyHash)
                .withAccount(NO_ENTRY, StateRootScheme.codeHash(noEntry));
    }

    private static EngineExecutor executor(String engine, Duration callTimeout) throws Exception {
        return new EngineExecutor(EngineRegistry.discover().provider(engine).orElseThrow().create(),
                new EngineExecutor.Limits(callTimeout, Duration.ofSeconds(60)));
    }

    @AfterAll
    void stop() {
        executor.close();
    }

    // ---- proxy scripts (commands of proxy.wat) --------------------------------------------------

    private static byte[] script(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.US_ASCII) : (byte[]) p);
        }
        return out.toByteArray();
    }

    /** {@code C addr gas len payload}: call_contract, appends the status byte. */
    private static byte[] call(Bytes callee, long gas, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(45 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'C').put(callee.toByteArray()).putLong(gas).putInt(payload.length).put(payload);
        return b.array();
    }

    private CallResult run(PreparedModules profile, Object... parts) {
        return run(executor, profile, parts);
    }

    private CallResult run(EngineExecutor on, PreparedModules profile, Object... parts) {
        Execution e = on.execute(profile, pre, code, BLOCK,
                new Transaction(SENDER, P1, "run", Bytes.of(script(parts)), List.of(), 10_000_000));
        return assertInstanceOf(Execution.Completed.class, e).result();
    }

    private static Bytes hex(String h) {
        return Bytes.fromHex(h);
    }

    // ---- status codes ---------------------------------------------------------------------------

    @Test
    void statusCodesOfEveryOutcome() {
        assertEquals(hex("0x00"), run(METERED, call(P2, ALL, script())).output(), "ok");
        assertEquals(hex("0x01"), run(METERED, call(P2, ALL, script("R"))).output(), "revert");
        assertEquals(hex("0x02"), run(METERED, call(P2, 100_000, script("T"))).output(), "trap");
        assertEquals(hex("0x02"), run(METERED, call(P2, 100_000, script("A"))).output(), "abort is a trap");
        assertEquals(hex("0x03"), run(METERED, call(NOBODY, ALL, script())).output(), "no contract");
        assertEquals(hex("0x03"), run(METERED, call(NO_ENTRY, ALL, script())).output(), "no call export");
    }

    @Test
    void eightNestedCallsRunAndTheNinthReturnsFourWithoutRunning() {
        // 'D' calls itself with "D" and appends status then the nested output: depths 1..8 return 0,
        // the call that would run at depth 9 returns 4 with no output.
        CallResult r = run(METERED, "D");
        assertEquals(Status.OK, r.status());
        assertEquals(hex("0x" + "00".repeat(8) + "04"), r.output());
    }

    @Test
    void theCalleeSeesTheCallingContractAsItsCallerAndTheOutputComesBack() {
        CallResult r = run(METERED, call(P2, ALL, script("K")), "O");
        assertEquals(hex("0x00").concat(P1), r.output());
    }

    // ---- state ----------------------------------------------------------------------------------

    @Test
    void aNestedCallsWritesAndEventsAreCommittedUnderTheCalleesAddress() {
        CallResult r = run(METERED, "Wa\u0001", call(P2, ALL, script("Wb\u0002", "Ex")), "Gb");
        assertEquals(Status.OK, r.status());
        assertEquals(List.of(StorageWrite.set(P1, Bytes.utf8("a"), hex("0x01")), StorageWrite.set(P2, Bytes.utf8("b"), hex("0x02"))),
                r.writes());
        assertEquals(List.of(new Event(P2, Bytes.utf8("x"), Bytes.EMPTY)), r.events());
        assertEquals(hex("0x00ff"), r.output(), "P1 cannot read P2's key b: its own b is absent");
        WorldState expected = pre.withStorage(P1, Bytes.utf8("a"), hex("0x01")).withStorage(P2, Bytes.utf8("b"), hex("0x02"));
        assertEquals(expected.stateRoot(), r.stateRoot());
    }

    @Test
    void aRevertingCalleeIsRolledBackWithItsOwnCalleesWhileTheCallerCommits() {
        CallResult r = run(METERED, "Wc\u0003",
                call(P2, ALL, script("Wd\u0004", "Ey", call(P3, ALL, script("We\u0005", "Ez")), "R")), "O");
        assertEquals(Status.OK, r.status());
        assertEquals(List.of(StorageWrite.set(P1, Bytes.utf8("c"), hex("0x03"))), r.writes());
        assertEquals(List.of(), r.events());
        assertEquals(hex("0x01").concat(Bytes.utf8("proxy: revert")), r.output());
    }

    @Test
    void aReentrantCallSeesTheCallersPendingWrites() {
        CallResult r = run(METERED, "Wg\u0007", call(P2, ALL, script(call(P1, ALL, script("Gg", "Wh\u0008")), "O")), "O");
        assertEquals(hex("0x000007"), r.output());
        assertEquals(List.of(StorageWrite.set(P1, Bytes.utf8("g"), hex("0x07")), StorageWrite.set(P1, Bytes.utf8("h"), hex("0x08"))),
                r.writes());
    }

    @Test
    void aTransactionThatFailsAfterASuccessfulCallKeepsNothing() {
        CallResult r = run(METERED, call(P2, ALL, script("Wi\u0009", "Ex")), "R");
        assertEquals(Status.REVERT, r.status());
        assertEquals(List.of(), r.writes());
        assertEquals(pre.stateRoot(), r.stateRoot());
    }

    // ---- gas (gas.md §2, §6) ---------------------------------------------------------------------

    @Test
    void aCalleeThatRunsOutOfGasCostsItsCallerExactlyTheForwardedGas() {
        // Same script but the forwarded amount: the difference is exactly the difference in forwarded gas.
        long at50k = run(METERED, "We\u0005", call(P2, 50_000, script("L"))).gasUsed();
        long at60k = run(METERED, "We\u0005", call(P2, 60_000, script("L"))).gasUsed();
        assertEquals(10_000, at60k - at50k);
        CallResult r = run(METERED, "We\u0005", call(P2, 50_000, script("L")));
        assertEquals(hex("0x02"), r.output());
        assertEquals(Status.OK, r.status(), "the caller continues");
    }

    @Test
    void aTrapForwardedAllTheGasLeavesTheCallerWithNone() {
        CallResult r = run(METERED, call(P2, ALL, script("T")), "Wo\u0001");
        assertEquals(Status.TRAP, r.status());
        assertEquals("out_of_gas", r.errorClass());
        assertEquals(10_000_000, r.gasUsed());
    }

    @Test
    void aCallThatDoesNotRunCostsItsPerByteChargeOnly() {
        // An address without a contract: only the base and per-byte cost of call_contract (20,000 +
        // 10 per input byte). The proxy jumps over the payload without looking at it, but its own
        // input is 7 bytes longer, which its input_read pays 1 per byte for: 7 * (10 + 1).
        long seven = run(METERED, call(NOBODY, ALL, new byte[7])).gasUsed();
        long none = run(METERED, call(NOBODY, ALL, new byte[0])).gasUsed();
        assertEquals(77, seven - none);
    }

    @Test
    void anAbortingCalleeCostsWhatItRanNotAllItWasGiven() {
        long aborted = run(METERED, call(P2, 5_000_000, script("A"))).gasUsed();
        assertTrue(aborted < 1_000_000, "abort is exact (gas.md §2), not the 5,000,000 forwarded: " + aborted);
    }

    @Test
    void withoutMeteringNothingIsForwardedOrChargedAndTheCalleeStillRuns() {
        CallResult r = run(UNMETERED, call(P2, 0, script("Wb\u0002")));
        assertEquals(hex("0x00"), r.output());
        assertEquals(0, r.gasUsed());
        assertEquals(List.of(StorageWrite.set(P2, Bytes.utf8("b"), hex("0x02"))), r.writes());
    }

    // ---- host-call trace (docs/abi.md §5) -------------------------------------------------------

    @Test
    void theCalleesHostCallsAreInTheTransactionsTraceBeforeTheCallThatRanThem() {
        byte[] payload = script("Wb\u0002");
        Execution e = executor.execute(METERED, pre, code, BLOCK,
                new Transaction(SENDER, P1, "run", Bytes.of(script(call(P2, ALL, payload))), List.of(), 10_000_000), true);
        List<HostCallTrace.HostCall> calls =
                assertInstanceOf(Execution.Completed.class, e).hostCalls().recorded();
        assertEquals(List.of("0 input_size", "0 input_read", "1 input_size", "1 input_read", "1 storage_write",
                "1 return_data", "0 call_contract", "0 return_data"),
                calls.stream().map(c -> c.depth() + " " + c.function()).toList());
        HostCallTrace.HostCall cc = calls.get(6);
        assertEquals(List.of(P2, Bytes.of(payload)), cc.data(), "the callee's address, then the input as sent");
        assertEquals(List.of(0L), cc.results());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), calls.stream().map(c -> c.index()).toList());
    }

    // ---- a private chain: inputs sealed to the callee, each contract's state under its own key ---

    @Test
    void onAPrivateChainTheTraceHoldsTheInputSealedToTheCalleeWhichReadsThePlaintext() {
        ChainSecret master = ChainSecret.of(Bytes.fromHex("0x" + "42".repeat(32)));
        AccountKeys alice = AccountKeys.fromSecret(Bytes.fromHex("0x" + "a1".repeat(32)));
        java.util.TreeMap<Bytes, ViewingPublicKey> viewers = new java.util.TreeMap<>();
        viewers.put(alice.address(), alice.viewingKey().publicKey());
        Privacy privacy = new Privacy(7, master, viewers);
        byte[] payload = script("Wb\u0002");
        Transaction unsigned = new Transaction(alice.address(), P1, "run",
                Bytes.of(script("Wa\u0001", call(P2, ALL, payload), call(P3, ALL, payload))), List.of(), 10_000_000);
        Transaction tx = unsigned.withAuth(new TxAuth(5, alice.spendingKey().publicKey().encoded(),
                alice.spendingKey().sign(unsigned.payload(7, 5))));
        Execution e = executor.execute(METERED, pre, code, new TxContext(new BlockHeader(12, 99), 3, Optional.of(privacy)), tx, true);
        Execution.Completed c = assertInstanceOf(Execution.Completed.class, e);
        assertEquals(Status.OK, c.result().status());
        List<HostCallTrace.HostCall> calls = c.hostCalls().recorded();
        List<HostCallTrace.HostCall> sent = calls.stream().filter(h -> h.function().equals("call_contract")).toList();
        // call indices 0 and 1 of transaction 3 at height 12, each sealed to its own callee
        assertEquals(CallInputCipher.seal(master, P2, 12, 3, 0, Bytes.of(payload)), sent.get(0).data().get(1));
        assertEquals(CallInputCipher.seal(master, P3, 12, 3, 1, Bytes.of(payload)), sent.get(1).data().get(1));
        List<Bytes> calleeReads = calls.stream().filter(h -> h.depth() == 1 && h.function().equals("input_read"))
                .map(h -> h.data().get(0)).toList();
        assertEquals(List.of(Bytes.of(payload), Bytes.of(payload)), calleeReads, "each callee reads the plaintext");
        // every contract's write is encrypted under that contract's own key
        for (StorageWrite w : c.result().writes()) {
            Bytes plain = master.contract(w.address()).decrypt(w.key(), w.value().orElseThrow());
            assertEquals(w.address().equals(P1) ? hex("0x01") : hex("0x02"), plain, "write of " + w.address());
        }
        assertEquals(List.of(P1, P2, P3), c.result().writes().stream().map(StorageWrite::address).toList());
    }

    // ---- the wall-clock guard reaches a nested callee -------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chicory-compiler", "wasmtime", "graalwasm"})
    void aRunawayCalleeIsStoppedByTheGuardAndTheEngineStaysUsable(String engine) throws Exception {
        try (EngineExecutor on = executor(engine, Duration.ofSeconds(2))) {
            Execution e = on.execute(UNMETERED, pre, code, BLOCK,
                    new Transaction(SENDER, P1, "run", Bytes.of(script(call(P2, 0, script("L")))), List.of(), 0));
            assertEquals(HarnessFailure.Kind.TIMEOUT, assertInstanceOf(Execution.Failed.class, e).failure().kind());
            assertEquals(hex("0x00"), run(on, UNMETERED, call(P2, 0, script())).output());
        }
    }
}

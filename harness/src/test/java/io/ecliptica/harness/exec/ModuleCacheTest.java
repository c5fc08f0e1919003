package io.ecliptica.harness.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.HostImport;
import io.ecliptica.engine.ModuleInstance;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.result.Status;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.state.WorldState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The executor's module cache: least recently used modules are evicted, but a module that a
 * running transaction still uses is closed only when that transaction ends.
 */
class ModuleCacheTest {

    /** Records whether it was closed; the cache only ever closes modules, never runs them. */
    private static final class ClosableModule implements CompiledModule {
        boolean closed;

        @Override
        public ModuleInstance instantiate(List<HostImport> imports) {
            throw new UnsupportedOperationException("not run by the cache");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theLeastRecentlyUsedUnpinnedModuleIsClosedWhenTheCacheOverflows() {
        ModuleCache<String> cache = new ModuleCache<>(2);
        ClosableModule a = new ClosableModule();
        ClosableModule b = new ClosableModule();
        ClosableModule c = new ClosableModule();
        try (var p = cache.pins()) {
            cache.put("a", a, p);
            cache.put("b", b, p);
        }
        try (var p = cache.pins()) {
            assertSame(a, cache.get("a", p), "a is used again, so b becomes the eldest");
            cache.put("c", c, p);
        }
        assertTrue(b.closed);
        assertFalse(a.closed);
        assertFalse(c.closed);
        assertEquals(2, cache.size());
        try (var p = cache.pins()) {
            assertEquals(null, cache.get("b", p));
        }
    }

    @Test
    void anEvictedModuleInUseIsClosedOnlyWhenItsLastUserReleasesIt() {
        ModuleCache<String> cache = new ModuleCache<>(1);
        ClosableModule running = new ClosableModule();
        ClosableModule callee = new ClosableModule();
        var transaction = cache.pins();
        var lookup = cache.pins();
        cache.put("running", running, transaction);
        cache.get("running", lookup);
        cache.put("callee", callee, transaction); // evicts "running" while both still hold it
        lookup.close();
        assertFalse(running.closed, "the transaction still runs it");
        transaction.close();
        assertTrue(running.closed);
        assertFalse(callee.closed, "still cached");
        cache.close();
        assertTrue(callee.closed);
    }

    @Test
    void aModuleCompiledTwiceConcurrentlyIsKeptOnceAndTheSecondCopyClosed() {
        ModuleCache<String> cache = new ModuleCache<>(4);
        ClosableModule first = new ClosableModule();
        ClosableModule second = new ClosableModule();
        try (var p = cache.pins()) {
            assertSame(first, cache.put("k", first, p));
            assertSame(first, cache.put("k", second, p));
        }
        assertTrue(second.closed);
        assertFalse(first.closed);
    }

    // ---- through the executor, on real engines ---------------------------------------------------

    private static final int CONTRACTS = 70; // more than the executor's cache holds (64)
    private static final Bytes SENDER = Bytes.fromHex("0x" + "ab".repeat(32));

    private static Bytes address(int i) {
        return Bytes.fromHex("0x" + "00".repeat(30) + String.format("%04x", i));
    }

    /** {@code proxy} with a custom section naming {@code i}: the same code under its own code hash. */
    private static byte[] variant(byte[] proxy, int i) {
        byte[] name = "variant".getBytes(StandardCharsets.UTF_8);
        byte[] payload = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(proxy);
        out.write(0); // custom section
        out.write(1 + name.length + payload.length); // < 128: one LEB128 byte
        out.write(name.length);
        out.writeBytes(name);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** proxy.wat's {@code C addr gas len payload}: call_contract with an empty script. */
    private static byte[] call(Bytes callee) {
        return ByteBuffer.allocate(45).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 'C').put(callee.toByteArray()).putLong(100_000).putInt(0).array();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory-compiler", "wasmtime", "graalwasm"})
    void aTransactionCallingMoreContractsThanTheCacheHoldsKeepsItsCallerRunning(String engine) throws Exception {
        byte[] proxy = Files.readAllBytes(Path.of("../vectors/contracts/proxy/proxy.wasm"));
        CodeStore code = CodeStore.empty();
        WorldState pre = WorldState.empty();
        for (int i = 0; i <= CONTRACTS; i++) {
            byte[] wasm = variant(proxy, i);
            code = code.with(wasm);
            pre = pre.withAccount(address(i), StateRootScheme.codeHash(wasm));
        }
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        for (int i = 1; i <= CONTRACTS; i++) {
            script.writeBytes(call(address(i)));
        }
        try (EngineExecutor executor = new EngineExecutor(EngineRegistry.discover().provider(engine).orElseThrow().create(),
                new EngineExecutor.Limits(Duration.ofSeconds(60), Duration.ofSeconds(60)))) {
            Execution e = executor.execute(new PreparedModules(Profiles.byId("ecliptica-v1")), pre, code, new BlockHeader(1, 0),
                    new Transaction(SENDER, address(0), "run", Bytes.of(script.toByteArray()), List.of(), 50_000_000));
            CallResult r = assertInstanceOf(Execution.Completed.class, e).result();
            assertEquals(Status.OK, r.status(), r.errorClass() + ": " + r.diagnostic());
            assertEquals(Bytes.of(new byte[CONTRACTS]), r.output(), "every callee returned ok (status byte 0)");
        }
    }
}

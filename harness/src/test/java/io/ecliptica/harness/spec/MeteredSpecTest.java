package io.ecliptica.harness.spec;

import static io.ecliptica.harness.spec.SpecRunnerTest.actual;
import static io.ecliptica.harness.spec.SpecRunnerTest.at;
import static io.ecliptica.harness.spec.SpecRunnerTest.expectations;
import static io.ecliptica.harness.spec.SpecRunnerTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import io.ecliptica.harness.abi.HostSignal;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.instrument.Profile;
import io.ecliptica.text.Wast;
import io.ecliptica.text.WastCommand;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The spec runner on instrumented modules ({@code harness spec --profile ecliptica-v1}): the host
 * side of the metering contract, skips for features the profile leaves out, and the profile's
 * relaxations for the testsuite. The scripts carry their expected outcomes in comments, written
 * from the WebAssembly semantics and docs/gas.md, not by running anything.
 */
class MeteredSpecTest {
    private static final InstrumentingTransform V1 = new InstrumentingTransform(Profile.ECLIPTICA_V1);

    private static SpecResult run(List<WasmEngine> engines, ModuleTransform transform, SpecFile... files) {
        try (SpecRunner runner = new SpecRunner(engines, "test", transform, SpecRunner.DEFAULT_TIMEOUT)) {
            return runner.run(List.of(files), f -> { });
        }
    }

    /**
     * Raw, on a 64 MiB worker stack: the script's finite recursion (3,000 calls) must fit whatever
     * the JIT has compiled so far. On the spec runner's 8 MiB default, the Chicory interpreter's
     * frames before its loop is compiled are large enough to overflow there now and then.
     */
    private static SpecResult runRaw(List<WasmEngine> engines, SpecFile... files) {
        try (SpecRunner runner = new SpecRunner(engines, "test", ModuleTransform.NONE, SpecRunner.DEFAULT_TIMEOUT, 64L << 20)) {
            return runner.run(List.of(files), f -> { });
        }
    }

    /** The line of the script's first command whose comment contains {@code marker}. */
    private static int line(SpecFile f, String marker) throws Exception {
        List<String> lines = Files.readAllLines(f.path());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("(") && lines.get(i).matches(".*;; " + Pattern.quote(marker) + "(:.*|\\s*)")) {
                return i + 1;
            }
        }
        throw new AssertionError("no command marked '" + marker + "'");
    }

    @Test
    void meteredScriptGivesTheExpectedOutcomes() throws Exception {
        SpecFile metered = resource("metered.wast");
        SpecResult r = run(List.of(SpecRunnerTest.chicory()), V1, metered);
        FileResult f = r.files().get(0);
        assertEquals(expectations(metered.path()), actual(f), "status of each command of metered.wast");
        assertEquals(new Tally(29, 1, 4), f.tally(0));

        Outcome exhausted = at(f, line(metered, "fail 1"));
        assertEquals("trap call_stack_exhausted", exhausted.observed());
        assertTrue(exhausted.detail().contains("StackExhausted: stack limit of the profile exceeded"),
                "the profile's limit ends the recursion, not the JVM's stack: " + exhausted.detail());
        assertEquals("ok f64:0x7ff8000000000000", at(f, line(metered, "pass 13")).observed(), "canonical NaN");
        assertEquals("ok f32:0x7fc00000", at(f, line(metered, "pass 12")).observed(), "the signalling NaN canonicalized");
        assertEquals("trap uninitialized_element", at(f, line(metered, "pass 10")).observed());
        assertEquals("trap unreachable", at(f, line(metered, "pass 11")).observed(),
                "the height a trapped call_indirect left in the stack global was reset");
        assertEquals("profile ecliptica-v1 rejects feature simd", at(f, line(metered, "skip 1")).reason());
        assertEquals("profile ecliptica-v1 rejects feature simd", at(f, line(metered, "skip 2")).reason(),
                "commands on a skipped module are skipped alike");
        assertEquals("profile ecliptica-v1 rejects feature simd", at(f, line(metered, "skip 3")).reason());
        assertEquals("profile ecliptica-v1 rejects feature multi-memory", at(f, line(metered, "skip 4")).reason());
        assertEquals("link error", at(f, line(metered, "pass 23")).observed(), "the gas accessor is not importable");
    }

    @Test
    void theSameScriptRawShowsWhatTheProfileChanges() throws Exception {
        SpecFile metered = resource("metered.wast");
        SpecResult r = runRaw(List.of(SpecRunnerTest.chicory()), metered);
        FileResult f = r.files().get(0);
        Outcome exhausted = at(f, line(metered, "fail 1"));
        assertEquals("trap call_stack_exhausted", exhausted.observed(), "raw, the engine's own limit");
        assertFalse(exhausted.detail().contains("profile"), exhausted.detail());
        assertEquals(Outcome.Status.FAIL, at(f, line(metered, "pass 12")).status(),
                "raw Chicory returns the signalling NaN from f32.min");
        assertEquals(Outcome.Status.PASS, at(f, line(metered, "pass 28")).status(), "memory.grow beyond 1,024 pages, raw");
        for (int i = 4; i <= 11; i++) {
            Outcome o = at(f, line(metered, "pass " + i));
            assertEquals(Outcome.Status.PASS, o.status(), "pass " + i + ": " + o.observed() + " / " + o.detail());
        }
    }

    /**
     * Every engine that can start here: the metering imports' exceptions come back through each
     * engine (also across an instance entered through an import) and map to the same outcomes.
     */
    @Test
    void everyEngineRunsTheMeteredScriptAlike() throws Exception {
        List<WasmEngine> engines = new ArrayList<>();
        EngineRegistry registry = EngineRegistry.discover();
        for (String id : registry.ids()) {
            WasmEngineProvider p = registry.provider(id).orElseThrow();
            try {
                engines.add(p.create());
            } catch (EngineUnavailableException | RuntimeException | LinkageError e) {
                // not here: the others still run
            }
        }
        assertFalse(engines.isEmpty());
        SpecFile metered = resource("metered.wast");
        SpecResult r = run(engines, V1, metered);
        FileResult f = r.files().get(0);
        Map<Integer, Outcome.Status> expected = expectations(metered.path());
        for (int e = 0; e < r.engines().size(); e++) {
            String id = r.engines().get(e).id();
            assertEquals(new Tally(29, 1, 4), f.tally(e), id);
            Outcome exhausted = f.outcomes().get(e).get(indexOf(f, line(metered, "fail 1")));
            assertTrue(exhausted.detail().contains("stack limit of the profile exceeded"), id + ": " + exhausted.detail());
            for (int i = 0; i < f.commands().size(); i++) {
                assertEquals(expected.get(f.commands().get(i).line()), f.outcomes().get(e).get(i).status(),
                        id + " line " + f.commands().get(i).line());
            }
        }
        assertTrue(r.divergences().isEmpty(), "the engines agree on every command: " + r.divergences());
    }

    private static int indexOf(FileResult f, int line) {
        for (int i = 0; i < f.commands().size(); i++) {
            if (f.commands().get(i).line() == line) {
                return i;
            }
        }
        throw new AssertionError("no command on line " + line);
    }

    @Test
    void rawCommandsScriptUnderTheProfileOnlyLosesItsReferenceTypesModule() throws Exception {
        SpecFile commands = resource("commands.wast");
        FileResult raw = run(List.of(SpecRunnerTest.chicory()), ModuleTransform.NONE, commands).files().get(0);
        FileResult metered = run(List.of(SpecRunnerTest.chicory()), V1, commands).files().get(0);
        assertEquals(new Tally(24, 0, 6), raw.tally(0));
        assertEquals(new Tally(23, 0, 7), metered.tally(0));
        int externref = line(commands, "pass 24");
        for (int i = 0; i < raw.commands().size(); i++) {
            int line = raw.commands().get(i).line();
            Outcome r = raw.outcomes().get(0).get(i);
            Outcome m = metered.outcomes().get(0).get(i);
            if (line == externref) {
                assertEquals("profile ecliptica-v1 rejects feature reference-types", m.reason());
            } else {
                assertEquals(r.status(), m.status(), "line " + line);
                if (r.passed() && !r.observed().startsWith("ok f")) {
                    assertEquals(r.observed(), m.observed(), "line " + line);
                }
            }
        }
    }

    @Test
    void theTransformRunsOncePerModuleWhateverTheNumberOfEngines() throws Exception {
        SpecFile metered = resource("metered.wast");
        long modules = Wast.parse(metered.path()).commands().stream()
                .filter(c -> c instanceof WastCommand.DefineModule || c instanceof WastCommand.ModuleAssertion)
                .count();
        AtomicInteger calls = new AtomicInteger();
        ModuleTransform counting = new ModuleTransform() {
            @Override
            public byte[] apply(byte[] module) {
                return transform(module).bytes();
            }

            @Override
            public Transformed transform(byte[] module) {
                calls.incrementAndGet();
                return V1.transform(module);
            }

            @Override
            public boolean limitsStack() {
                return true;
            }
        };
        WasmEngine second = EngineRegistry.discover().provider("chicory-compiler").orElseThrow().create();
        SpecResult r = run(List.of(SpecRunnerTest.chicory(), second), counting, metered);
        assertEquals(modules, calls.get(), "each of the script's modules transformed once, for both engines");
        assertEquals(new Tally(29, 1, 4), r.files().get(0).tally(0));
        assertEquals(new Tally(29, 1, 4), r.files().get(0).tally(1));
    }

    @Test
    void theProfilesAreThoseTheHarnessKnowsRelaxedForTheTestsuite() {
        Map<String, ModuleTransform> byId = InstrumentingTransform.byProfileId();
        assertEquals(Profiles.ids(), List.copyOf(byId.keySet()));
        assertEquals(ModuleTransform.NONE, byId.get("none"));
        assertFalse(byId.get("none").limitsStack());
        InstrumentingTransform v1 = (InstrumentingTransform) byId.get("ecliptica-v1");
        Profile p = v1.profile();
        assertEquals("ecliptica-v1", v1.id());
        assertEquals("ecliptica-v1", p.id(), "the id stays; the relaxations are documented, not renamed");
        assertTrue(p.meterGas() && p.limitStack() && p.canonicalizeNans(), "what must not change results stays on");
        assertEquals(Profile.ECLIPTICA_V1.stackLimit(), p.stackLimit());
        assertFalse(p.abiImportsOnly(), "spectest and registered modules may be imported");
        assertEquals(65_536, p.limits().maxMemoryPages());
        assertEquals(0xFFFF_FFFFL, p.limits().maxTableElements());
        assertEquals(Long.MAX_VALUE, p.limits().maxFunctions());
        assertTrue(v1.limitsStack());
        assertTrue(((InstrumentingTransform) byId.get("cosmwasm-gatekeeper")).profile().limits().memoryRequired(),
                "a gate rule, not a size: kept");
    }

    @Test
    void instrumenterVerdictsAreRejectionsOrSkips() {
        byte[] truncated = {0, 'a', 's', 'm', 1, 0, 0};
        assertThrows(ModuleTransform.Rejected.class, () -> V1.transform(truncated));
        byte[] twoMemories = {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 5, 2, 0, 1, 0, 1};
        ModuleTransform.Unsupported u = assertThrows(ModuleTransform.Unsupported.class, () -> V1.transform(twoMemories));
        assertEquals("multi-memory", u.feature());
        assertEquals("profile ecliptica-v1 rejects feature multi-memory", u.getMessage());
        byte[] empty = {0, 'a', 's', 'm', 1, 0, 0, 0};
        ModuleTransform.Transformed t = V1.transform(empty);
        assertTrue(t.metered());
        assertFalse(t.hasStart());
    }

    @Test
    void meteringSignalsAreTraps() {
        assertEquals("trap out_of_gas", Failures.observe(new HostSignal.OutOfGas()).observed());
        assertEquals("trap call_stack_exhausted", Failures.observe(new HostSignal.StackExhausted()).observed());
    }
}

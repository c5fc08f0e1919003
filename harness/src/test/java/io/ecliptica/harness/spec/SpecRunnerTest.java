package io.ecliptica.harness.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmEngine;
import io.ecliptica.harness.exec.EngineRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The runner on hand-written scripts, on the Chicory interpreter. Every command line of the
 * scripts carries its expected outcome in a comment ({@code ;; pass 3}, {@code ;; skip 1: ...}),
 * written from the WebAssembly semantics and the runner's rules (what is skipped and why), not by
 * running anything.
 */
class SpecRunnerTest {
    private static final Pattern EXPECTATION = Pattern.compile(";;\\s*(pass|fail|skip)\\s+\\d+");

    static WasmEngine chicory() throws Exception {
        return EngineRegistry.discover().provider("chicory-interpreter").orElseThrow().create();
    }

    static SpecFile resource(String name) throws URISyntaxException {
        return new SpecFile(Path.of(SpecRunnerTest.class.getResource("/spec/" + name).toURI()), name);
    }

    static SpecResult run(Duration timeout, SpecFile... files) throws Exception {
        try (SpecRunner runner = new SpecRunner(List.of(chicory()), "none", ModuleTransform.NONE, timeout)) {
            List<FileResult> seen = new ArrayList<>();
            SpecResult r = runner.run(List.of(files), seen::add);
            assertEquals(List.of(files), seen.stream().map(FileResult::file).toList(), "progress reports every file, in order");
            return r;
        }
    }

    /** Expected status by line, from the script's comments. */
    static Map<Integer, Outcome.Status> expectations(Path wast) throws IOException {
        Map<Integer, Outcome.Status> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(wast);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EXPECTATION.matcher(lines.get(i));
            if (lines.get(i).startsWith("(") && m.find()) {
                out.put(i + 1, Outcome.Status.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return out;
    }

    static Map<Integer, Outcome.Status> actual(FileResult f) {
        Map<Integer, Outcome.Status> out = new TreeMap<>();
        for (int i = 0; i < f.commands().size(); i++) {
            out.put(f.commands().get(i).line(), f.outcomes().get(0).get(i).status());
        }
        return out;
    }

    static Outcome at(FileResult f, int line) {
        for (int i = 0; i < f.commands().size(); i++) {
            if (f.commands().get(i).line() == line) {
                return f.outcomes().get(0).get(i);
            }
        }
        throw new AssertionError("no command on line " + line);
    }

    @Test
    void everyCommandKindGivesTheExpectedOutcome() throws Exception {
        SpecFile commands = resource("commands.wast");
        SpecFile shared = resource("shared-state.wast");
        SpecResult r = run(SpecRunner.DEFAULT_TIMEOUT, commands, shared);

        FileResult c = r.files().get(0);
        assertEquals(expectations(commands.path()), actual(c), "status of each command of commands.wast");
        assertEquals(new Tally(24, 0, 6), c.tally(0));
        assertEquals("ok i32:5", at(c, 15).observed());
        assertEquals("ok i64:-9 f64:0x8000000000000001", at(c, 20).observed());
        assertEquals("trap integer_divide_by_zero", at(c, 21).observed());
        assertEquals("trap call_stack_exhausted", at(c, 24).observed());
        assertEquals("trap integer_divide_by_zero", at(c, 39).observed(), "a trap in an imported function surfaces as such");
        assertEquals("get of a global (the engine API has no global access)", at(c, 26).reason());
        assertEquals("unsupported import kind: memory", at(c, 42).reason());
        assertEquals("unsupported import kind: memory", at(c, 43).reason(), "commands on a skipped module are skipped alike");
        assertEquals("link error", at(c, 49).observed());
        assertEquals("trap unreachable", at(c, 52).observed());
        assertEquals("v128 or reference value", at(c, 55).reason());

        FileResult s = r.files().get(1);
        assertEquals(expectations(shared.path()), actual(s), "status of each command of shared-state.wast");
        assertEquals(new Tally(6, 0, 5), s.tally(0));
        assertTrue(at(s, 12).reason().startsWith("module state changed by a skipped command"), at(s, 12).reason());
        assertTrue(at(s, 17).reason().startsWith("module state changed by a skipped command"), at(s, 17).reason());
        assertEquals("v128 or reference value", at(s, 26).reason());
        assertTrue(at(s, 27).reason().startsWith("module state changed by a skipped command"), at(s, 27).reason());

        assertEquals(new Tally(30, 0, 11), r.total(0));
        assertTrue(r.divergences().isEmpty(), "one engine cannot diverge");
        assertTrue(r.failures().isEmpty());
    }

    @Test
    void failuresAreReportedWithTheirReasonsAndTheRunGoesOn() throws Exception {
        SpecFile failures = resource("failures.wast");
        SpecResult r = run(Duration.ofSeconds(1), failures);
        FileResult f = r.files().get(0);
        assertEquals(expectations(failures.path()), actual(f), "status of each command of failures.wast");
        assertEquals(new Tally(2, 6, 0), f.tally(0));
        assertEquals("wrong result", at(f, 9).reason());
        assertEquals("ok i32:4", at(f, 9).observed());
        assertEquals("result is not f64:nan:canonical", at(f, 10).reason());
        assertEquals("expected trap unreachable, got a result", at(f, 11).reason());
        assertEquals("timeout", at(f, 12).observed());
        assertEquals("timeout (over 1 s)", at(f, 12).reason());
        assertEquals("valid module not instantiated: trap unreachable", at(f, 15).reason());
        assertEquals("module unavailable (its definition failed on this engine)", at(f, 16).reason());
        assertFalse(at(f, 16).comparable(), "a consequence of an earlier failure is not a new divergence");

        List<SpecResult.ReasonGroup> reasons = r.failureReasons();
        assertEquals(6, reasons.size());
        assertEquals(6, reasons.stream().mapToLong(SpecResult.ReasonGroup::count).sum());
        assertEquals(6, r.failures().size());
    }

    @Test
    void aScriptThatDoesNotParseIsReportedNotFatal() throws Exception {
        Path bad = Files.createTempFile("broken", ".wast");
        try {
            Files.writeString(bad, "(module (func (export \"f\") (result i32) (i32.const 1))\n(assert_return (invoke \"f\"\n");
            SpecFile broken = new SpecFile(bad, "broken.wast");
            SpecResult r = run(SpecRunner.DEFAULT_TIMEOUT, broken, resource("shared-state.wast"));
            assertTrue(r.files().get(0).error().isPresent());
            assertEquals(Tally.ZERO, r.files().get(0).tally(0));
            assertEquals(new Tally(6, 0, 5), r.files().get(1).tally(0), "the next script still runs");
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    @Test
    void theProfileTransformSeesEveryModuleAndCanRejectOne() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        ModuleTransform refuseAll = bytes -> {
            synchronized (sizes) {
                sizes.add(bytes.length);
            }
            throw new ModuleTransform.Rejected("refused for the test", null);
        };
        try (SpecRunner runner = new SpecRunner(List.of(chicory()), "refuse", refuseAll, SpecRunner.DEFAULT_TIMEOUT)) {
            SpecResult r = runner.run(List.of(resource("shared-state.wast")), f -> { });
            assertEquals(4, sizes.size(), "four modules, each transformed once");
            FileResult f = r.files().get(0);
            assertEquals("rejected", at(f, 5).observed());
            assertEquals(Outcome.Status.FAIL, at(f, 5).status());
            assertEquals("refuse", r.profile());
        }
    }
}

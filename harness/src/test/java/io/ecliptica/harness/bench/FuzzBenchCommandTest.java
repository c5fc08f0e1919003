package io.ecliptica.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecliptica.harness.cli.ExitCode;
import io.ecliptica.harness.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/fuzzing.md, "Benchmark": what {@code bench fuzz} reports from one run (the figures
 * themselves are the benchmark's business, not a test's).
 */
class FuzzBenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void reportsEveryPassTheTargetRatioPhasesAndCpuByThread() throws Exception {
        int code = run("bench", "fuzz", "--engines", "chicory-interpreter,chicory-compiler", "--cases", "3",
                "--warmup-cases", "1", "--jit-warmup-cases", "1", "--contracts", "../vectors/contracts", "--json");
        assertEquals(ExitCode.OK, code, err.toString(StandardCharsets.UTF_8));
        JsonNode r = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(3, r.get("cases").asInt());
        assertEquals(0, r.get("divergentCases").asInt(), "the Chicory pair agrees on these cases");
        List<String> passes = new ArrayList<>();
        r.get("passes").forEach(p -> {
            passes.add(p.get("engines").asText());
            assertTrue(p.get("casesPerSecond").asDouble() > 0);
            // the process's CPU clock ticks in 10 ms here: over three cases a pass may read 0
            assertTrue(p.get("cpuMillisPerCase").asDouble() >= 0);
        });
        assertEquals(List.of("chicory-interpreter,chicory-compiler", "chicory-interpreter", "chicory-compiler"), passes);
        // the target is about every engine but the interpreter: here the compiler's pass alone
        JsonNode target = r.get("target");
        assertEquals("chicory-compiler", target.get("engines").asText());
        assertEquals(200, target.get("casesPerSecond").asInt());
        assertEquals(r.get("passes").get(2).get("casesPerSecond").asDouble() / 200, target.get("ratio").asDouble(), 0.006);
        List<String> phases = new ArrayList<>();
        r.get("millisPerCase").forEach(p -> phases.add(p.get("phase").asText()));
        assertEquals(List.of("generation", "preparation (profile ecliptica-v1)", "compile chicory-interpreter",
                "compile chicory-compiler", "execution chicory-interpreter", "execution chicory-compiler", "oracle"), phases);
        List<String> threads = new ArrayList<>();
        r.get("cpuMillisPerCase").forEach(p -> threads.add(p.get("threads").asText()));
        List<String> jvm = java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self/task"))
                ? List.of("JVM: C2 compiler", "JVM: C1 compiler", "JVM: GC and VM threads",
                        "JVM: other (native threads, e.g. wasmtime's compiler)")
                : List.of("JVM (JIT compilers, GC)");
        List<String> expected = new ArrayList<>(List.of("chicory-compiler", "chicory-interpreter", "truffle compiler",
                "harness (other Java threads)"));
        expected.addAll(jvm);
        assertEquals(expected, threads);
        // per-thread CPU time is exact: the compiler's worker compiled and ran the cases
        assertTrue(r.get("cpuMillisPerCase").get(0).get("millis").asDouble() > 0, "the compiler's worker did the work");
    }

    @Test
    void aNegativeWarmUpIsBadInput() {
        assertEquals(ExitCode.BAD_INPUT, run("bench", "fuzz", "--jit-warmup-cases", "-1"));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count(), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--jit-warmup-cases"));
    }
}

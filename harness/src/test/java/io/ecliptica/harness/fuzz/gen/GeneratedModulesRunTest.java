package io.ecliptica.harness.fuzz.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecliptica.harness.exec.Execution;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.result.CallResult;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated modules instantiate and run on real engines (Chicory interpreter and compiler, through
 * the harness executor under ecliptica-v1) without a harness failure; traps are results. Both
 * engines must agree: a disagreement here is a real finding for the fuzzing campaign to triage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedModulesRunTest {
    private EngineRuns interpreter;
    private EngineRuns compiler;

    @BeforeAll
    void start() throws Exception {
        interpreter = new EngineRuns("chicory-interpreter");
        compiler = new EngineRuns("chicory-compiler");
    }

    @AfterAll
    void stop() {
        interpreter.close();
        compiler.close();
    }

    /** Runs every export of the module on both engines; returns the interpreter's results. */
    private List<CallResult> runBoth(GeneratedModule m, long seed) {
        List<Transaction> txs = EngineRuns.transactions(m, new SeededEntropy(~seed));
        List<Execution> a = interpreter.run(m, txs);
        List<Execution> b = compiler.run(m, txs);
        List<CallResult> out = new java.util.ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            if (!(a.get(i) instanceof Execution.Completed ca) || !(b.get(i) instanceof Execution.Completed cb)) {
                fail("seed " + seed + " export " + txs.get(i).function() + ": harness failure " + a.get(i) + " / "
                        + b.get(i) + "\n" + m.toWat());
                return out;
            }
            assertTrue(ca.result().sameAs(cb.result()), "seed " + seed + " export " + txs.get(i).function()
                    + ": engines disagree\n" + ca.result() + "\n" + cb.result() + "\n" + m.toWat());
            out.add(ca.result());
        }
        return out;
    }

    @Test
    void twoHundredSeedsRunOnBothChicoryEngines() {
        TreeMap<String, Integer> outcomes = new TreeMap<>();
        for (long seed = 0; seed < 200; seed++) {
            for (CallResult r : runBoth(ModuleGenerator.generate(seed, GeneratorConfig.DEFAULT), seed)) {
                outcomes.merge(r.status().name().toLowerCase() + (r.errorClass().isEmpty() ? "" : ":" + r.errorClass()),
                        1, Integer::sum);
            }
        }
        System.out.println("outcomes of 200 generated modules' exports: " + outcomes);
        // The generator is meant to do real work most of the time and to reach the interesting traps.
        int total = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(outcomes.getOrDefault("ok", 0) * 4 > total, "at least a quarter of the calls return normally");
        for (String expected : List.of("trap:integer_divide_by_zero", "trap:out_of_bounds_memory", "trap:out_of_gas",
                "trap:abi_violation", "trap:integer_overflow", "trap:invalid_conversion_to_integer")) {
            assertTrue(outcomes.containsKey(expected), "some call ends in " + expected + ": " + outcomes);
        }
    }

    @Test
    void unguardedRecursionEndsAtTheProfilesStackLimitOnBothEngines() {
        GeneratorConfig recursive = new GeneratorConfig(3, 2, 1, 2, 4, 4, 60, 4, 24, true, false, false, 1000, 700, 0,
                1000, 0, 0, 0, true);
        Set<String> classes = new java.util.TreeSet<>();
        for (long seed = 0; seed < 40; seed++) {
            for (CallResult r : runBoth(ModuleGenerator.generate(seed, recursive), seed)) {
                classes.add(r.errorClass());
            }
        }
        assertTrue(classes.contains("call_stack_exhausted"), "classes seen: " + classes);
    }

    @Test
    void exportsAreCallableWithTheirDeclaredTypes() {
        GeneratedModule m = ModuleGenerator.generate(3, GeneratorConfig.DEFAULT);
        for (CallResult r : runBoth(m, 3)) {
            assertTrue(!r.errorClass().equals("signature_mismatch") && !r.errorClass().equals("missing_export"),
                    r.toString());
        }
        assertEquals(m.exports().size(), EngineRuns.transactions(m, new SeededEntropy(1)).size());
    }
}

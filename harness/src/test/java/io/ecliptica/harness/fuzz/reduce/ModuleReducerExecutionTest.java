package io.ecliptica.harness.fuzz.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.exec.Execution;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.harness.fuzz.gen.EngineRuns;
import io.ecliptica.harness.fuzz.gen.GeneratedModule;
import io.ecliptica.harness.fuzz.gen.GeneratorConfig;
import io.ecliptica.harness.fuzz.gen.ModuleGenerator;
import io.ecliptica.harness.fuzz.gen.SeededEntropy;
import io.ecliptica.harness.result.CallResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reduction driven by real execution: the property is "chicory-interpreter ends this transaction
 * with trap class X". The reduced module keeps it, is far smaller, and chicory-compiler (which
 * the property never consulted) agrees on the outcome.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModuleReducerExecutionTest {
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

    private static CallResult result(EngineRuns engine, GeneratedModule m, Transaction tx) {
        Execution e = engine.run(m, List.of(tx)).get(0);
        return e instanceof Execution.Completed c ? c.result() : null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"integer_divide_by_zero", "out_of_bounds_memory", "invalid_conversion_to_integer"})
    void keepsTheTrapAndShrinksByALot(String trapClass) {
        GeneratedModule original = null;
        Transaction tx = null;
        for (long seed = 0; original == null; seed++) {
            GeneratedModule m = ModuleGenerator.generate(seed, GeneratorConfig.DEFAULT);
            for (Transaction t : EngineRuns.transactions(m, new SeededEntropy(~seed))) {
                CallResult r = result(interpreter, m, t);
                if (m.size() > 1000 && r != null && r.errorClass().equals(trapClass)) {
                    original = m;
                    tx = t;
                    break;
                }
            }
        }
        Transaction call = tx;
        AtomicInteger tests = new AtomicInteger();
        Predicate<GeneratedModule> traps = m -> {
            tests.incrementAndGet();
            CallResult r = result(interpreter, m, call);
            return r != null && r.errorClass().equals(trapClass);
        };
        GeneratedModule reduced = ModuleReducer.reduce(original, traps, 1500);
        System.out.printf("reduce keeping trap %s of %s: %d -> %d bytes (%.1f%%) in %d tests%n", trapClass,
                call.function(), original.size(), reduced.size(), 100.0 * reduced.size() / original.size(), tests.get());
        assertEquals(trapClass, result(interpreter, reduced, call).errorClass());
        assertEquals(trapClass, result(compiler, reduced, call).errorClass(), "the other engine agrees");
        assertTrue(reduced.size() * 5 < original.size(), reduced.size() + " bytes\n" + reduced.toWat());
    }
}

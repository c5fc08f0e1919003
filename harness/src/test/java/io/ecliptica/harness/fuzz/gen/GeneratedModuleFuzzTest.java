package io.ecliptica.harness.fuzz.gen;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ecliptica.harness.exec.Execution;
import io.ecliptica.harness.exec.Transaction;
import io.ecliptica.instrument.Instrumenter;
import io.ecliptica.instrument.ModuleRejectedException;
import io.ecliptica.instrument.Profile;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing (docs/fuzzing.md §"Coverage-guided mode"): Jazzer's bytes drive the
 * module generator through {@link BytesEntropy}; the module must be accepted by ecliptica-v1 and
 * every export must give the same result on chicory-interpreter and chicory-compiler, with no
 * harness failure. {@code mvn test} replays the inputs under
 * {@code src/test/resources/io/ecliptica/harness/fuzz/gen/GeneratedModuleFuzzTestInputs/differential}
 * (regression mode); {@code JAZZER_FUZZ=1} fuzzes, and saves a failing input there.
 */
class GeneratedModuleFuzzTest {

    /** Engines are costly to start: one pair for every input of the run. */
    private static final class Engines {
        static final EngineRuns INTERPRETER = start("chicory-interpreter");
        static final EngineRuns COMPILER = start("chicory-compiler");

        private static EngineRuns start(String id) {
            try {
                return new EngineRuns(id);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start " + id, e);
            }
        }
    }

    private static volatile boolean started;

    @AfterAll
    static void stop() {
        if (started) {
            Engines.INTERPRETER.close();
            Engines.COMPILER.close();
        }
    }

    @FuzzTest(maxDuration = "10m")
    void differential(byte[] input) {
        BytesEntropy entropy = new BytesEntropy(input);
        GeneratedModule m = ModuleGenerator.generate(entropy, GeneratorConfig.DEFAULT);
        try {
            Instrumenter.prepare(m.wasm(), Profile.ECLIPTICA_V1);
        } catch (ModuleRejectedException e) {
            fail("ecliptica-v1 rejects a generated module: " + e.getMessage() + "\n" + m.toWat());
        }
        // The rest of the input chooses the calls' arguments and input bytes.
        List<Transaction> txs = EngineRuns.transactions(m, entropy);
        started = true;
        List<Execution> a = Engines.INTERPRETER.run(m, txs);
        List<Execution> b = Engines.COMPILER.run(m, txs);
        for (int i = 0; i < txs.size(); i++) {
            if (!(a.get(i) instanceof Execution.Completed ca) || !(b.get(i) instanceof Execution.Completed cb)) {
                fail("harness failure on " + txs.get(i).function() + ": " + a.get(i) + " / " + b.get(i) + "\n" + m.toWat());
                return;
            }
            assertTrue(ca.result().sameAs(cb.result()), "divergence on " + txs.get(i).function() + "\ninterpreter: "
                    + ca.result() + "\ncompiler:    " + cb.result() + "\n" + m.toWat());
        }
    }
}

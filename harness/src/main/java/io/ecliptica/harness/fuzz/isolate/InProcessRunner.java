package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.vector.Vector;
import java.util.List;

/**
 * Every engine in this JVM, through the differential runner {@code verify} uses. No crash
 * isolation: for benchmarks and for callers that trust their engines.
 */
public final class InProcessRunner implements CaseRunner {
    private static final int FORGET_EVERY = 512;

    private final DifferentialRunner runner;
    private int runs;

    public InProcessRunner(DifferentialRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<EngineDescriptor> engines() {
        return runner.engines().stream().map(EngineExecutor::descriptor).toList();
    }

    @Override
    public RunOutcome run(Vector vector) {
        if (++runs % FORGET_EVERY == 0) {
            runner.forgetPrepared();
        }
        return new RunOutcome(runner.run(vector), List.of());
    }

    @Override
    public void close() {
        runner.close();
    }
}

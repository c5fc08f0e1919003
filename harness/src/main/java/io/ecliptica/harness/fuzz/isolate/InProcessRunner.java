package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.vector.Vector;
import java.util.List;
import java.util.Optional;
import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.runner.HostCallLocalizer;

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
    public Optional<List<HostCallTrace.HostCall>> hostCalls(Vector vector, String engine, int block, int tx) {
        for (EngineExecutor e : runner.engines()) {
            if (e.descriptor().id().equals(engine)) {
                return HostCallLocalizer.hostCalls(vector, block, tx, runner.prepared(vector.profile()), e);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        runner.close();
    }
}

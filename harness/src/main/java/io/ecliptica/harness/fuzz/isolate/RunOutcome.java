package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.harness.runner.VectorVerdict;
import java.util.List;

/**
 * One case run on every engine: the oracle's verdict over the traces that came back, and the
 * workers that gave none (in engine order; such an engine's trace is an empty failed one).
 */
public record RunOutcome(VectorVerdict verdict, List<WorkerFault> faults) {
    public RunOutcome {
        faults = List.copyOf(faults);
    }

    public boolean clean() {
        return faults.isEmpty() && verdict.passed();
    }
}

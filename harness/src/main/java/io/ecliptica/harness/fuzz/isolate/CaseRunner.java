package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.vector.Vector;
import java.util.List;

/** Runs a case (a filler vector) on every engine and judges it with the verify oracle. */
public interface CaseRunner extends AutoCloseable {
    List<EngineDescriptor> engines();

    RunOutcome run(Vector vector);

    @Override
    void close();
}

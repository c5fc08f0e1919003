package io.ecliptica.harness.fuzz.isolate;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.vector.Vector;
import java.util.List;
import java.util.Optional;
import io.ecliptica.harness.abi.HostCallTrace;

/** Runs a case (a filler vector) on every engine and judges it with the verify oracle. */
public interface CaseRunner extends AutoCloseable {
    List<EngineDescriptor> engines();

    RunOutcome run(Vector vector);

    /**
     * The host calls of one transaction of {@code vector} on one engine (docs/abi.md §5), or empty
     * if that engine gives no result on the way (or its worker fails).
     */
    Optional<List<HostCallTrace.HostCall>> hostCalls(Vector vector, String engine, int block, int tx);

    @Override
    void close();
}

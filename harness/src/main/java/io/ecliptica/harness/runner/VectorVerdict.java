package io.ecliptica.harness.runner;

import io.ecliptica.harness.vector.Vector;
import java.util.List;

/** The oracle's verdict on one vector run: the engines' traces and what was found. */
public record VectorVerdict(Vector vector, List<EngineTrace> traces, List<Finding> findings) {
    public VectorVerdict {
        traces = List.copyOf(traces);
        findings = List.copyOf(findings);
    }

    public boolean passed() {
        return findings.isEmpty();
    }

    public boolean hasEngineFailure() {
        return findings.stream().anyMatch(f -> f instanceof Finding.EngineFailed);
    }

    public boolean hasDifference() {
        return findings.stream().anyMatch(f -> !(f instanceof Finding.EngineFailed));
    }
}

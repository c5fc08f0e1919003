package io.ecliptica.harness.fuzz.triage;

import io.ecliptica.harness.fuzz.isolate.RunOutcome;
import io.ecliptica.harness.fuzz.isolate.WorkerFault;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.runner.Finding;
import io.ecliptica.harness.runner.VectorVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Computes the {@link Signature} of a case run, if it found anything. */
public final class Triage {
    private Triage() {
    }

    public static Optional<Signature> signature(RunOutcome outcome) {
        if (!outcome.faults().isEmpty()) {
            WorkerFault f = outcome.faults().get(0);
            return Optional.of(new Signature(f.kind().id(), List.of(List.of(f.engine())), List.of(), ""));
        }
        VectorVerdict v = outcome.verdict();
        for (Finding f : v.findings()) {
            if (f instanceof Finding.Divergence d) {
                return Optional.of(divergence(v, d));
            }
        }
        for (Finding f : v.findings()) {
            switch (f) {
                case Finding.EngineFailed e -> {
                    return Optional.of(new Signature(e.failure().kind().id(), List.of(List.of(e.engine())), List.of(), ""));
                }
                case Finding.Mismatch m -> {
                    return Optional.of(new Signature("mismatch " + m.at().field(), List.of(m.engines()), List.of(), ""));
                }
                case Finding.Divergence d -> throw new IllegalStateException("handled above");
            }
        }
        return Optional.empty();
    }

    private static Signature divergence(VectorVerdict v, Finding.Divergence d) {
        // sides: engines grouped by value, in engine order within a side; the largest side first,
        // ties in the order of each side's first engine
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        for (Finding.EngineValue ev : d.values()) {
            byValue.computeIfAbsent(ev.value(), k -> new ArrayList<>()).add(ev.engine());
        }
        List<List<String>> sides = new ArrayList<>(byValue.values());
        List<String> order = d.values().stream().map(Finding.EngineValue::engine).toList();
        sides.sort((a, b) -> a.size() != b.size() ? b.size() - a.size()
                : Integer.compare(order.indexOf(a.get(0)), order.indexOf(b.get(0))));
        List<String> outcomes = new ArrayList<>();
        if (d.at().tx() >= 0) {
            for (List<String> side : sides) {
                outcomes.add(outcome(v, side.get(0), d.at().block(), d.at().tx()));
            }
        }
        return new Signature(d.at().field(), sides, outcomes, "");
    }

    /** {@code status} or {@code status:class} of an engine's result at a transaction. */
    private static String outcome(VectorVerdict v, String engine, int block, int tx) {
        for (EngineTrace t : v.traces()) {
            if (t.engine().id().equals(engine)) {
                Optional<CallResult> r = t.result(block, tx);
                if (r.isPresent()) {
                    return r.get().errorClass().isEmpty() ? r.get().status().id()
                            : r.get().status().id() + ":" + r.get().errorClass();
                }
            }
        }
        return "none";
    }
}

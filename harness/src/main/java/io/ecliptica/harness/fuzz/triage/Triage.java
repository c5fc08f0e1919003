package io.ecliptica.harness.fuzz.triage;

import io.ecliptica.harness.abi.HostCallTrace;
import io.ecliptica.harness.fuzz.isolate.CaseRunner;
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
import java.util.function.Predicate;

/** Computes the {@link Signature} of a case run, if it found anything. */
public final class Triage {
    private Triage() {
    }

    /**
     * The signature of a run; for a divergence at a transaction, the runner re-runs the case on
     * one engine of each of the first two sides with host calls recorded to find the first host
     * call where they differ.
     */
    public static Optional<Signature> signature(RunOutcome outcome, CaseRunner runner) {
        return signature(outcome, runner, s -> true);
    }

    /**
     * As {@link #signature(RunOutcome, CaseRunner)}, but a divergence's host calls are localized
     * only when {@code localize} accepts its signature without them (field, sides and outcomes):
     * the minimizer, which wants one signature, skips the two extra runs for a candidate that
     * already differs. Otherwise the signature comes back with an empty host call.
     */
    public static Optional<Signature> signature(RunOutcome outcome, CaseRunner runner, Predicate<Signature> localize) {
        if (!outcome.faults().isEmpty()) {
            WorkerFault f = outcome.faults().get(0);
            return Optional.of(new Signature(f.kind().id(), List.of(List.of(f.engine())), List.of(), ""));
        }
        VectorVerdict v = outcome.verdict();
        for (Finding f : v.findings()) {
            if (f instanceof Finding.Divergence d) {
                return Optional.of(divergence(v, d, runner, localize));
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

    private static Signature divergence(VectorVerdict v, Finding.Divergence d, CaseRunner runner,
                                        Predicate<Signature> localize) {
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
        Signature unlocalized = new Signature(d.at().field(), sides, outcomes, "");
        if (d.at().tx() < 0 || !localize.test(unlocalized)) {
            return unlocalized;
        }
        return new Signature(d.at().field(), sides, outcomes, firstDifferingHostCall(runner, v, d, sides));
    }

    /**
     * {@code "F vs G"}: the host functions of the first call where the reference side's
     * representative and the next side's differ ({@code none} where one made no more calls); ""
     * if their host calls are identical or one of them gave no result.
     */
    private static String firstDifferingHostCall(CaseRunner runner, VectorVerdict v, Finding.Divergence d,
                                                 List<List<String>> sides) {
        int block = d.at().block();
        int tx = d.at().tx();
        Optional<List<HostCallTrace.HostCall>> a = runner.hostCalls(v.vector(), sides.get(0).get(0), block, tx);
        Optional<List<HostCallTrace.HostCall>> b = runner.hostCalls(v.vector(), sides.get(1).get(0), block, tx);
        if (a.isEmpty() || b.isEmpty()) {
            return "";
        }
        List<HostCallTrace.HostCall> x = a.get();
        List<HostCallTrace.HostCall> y = b.get();
        int i = HostCallTrace.firstDifference(List.of(x, y));
        HostCallTrace.HostCall p = i < x.size() ? x.get(i) : null;
        HostCallTrace.HostCall q = i < y.size() ? y.get(i) : null;
        if (p == null && q == null) {
            return ""; // identical
        }
        boolean endsDiffer = d.at().field().equals("status") || d.at().field().equals("class");
        if ((p == null || q == null) && endsDiffer) {
            // one side stopped (trapped) where the other went on: its next call is a
            // consequence of the differing end, not where the executions parted
            return "";
        }
        return (p == null ? "none" : p.function()) + " vs " + (q == null ? "none" : q.function());
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

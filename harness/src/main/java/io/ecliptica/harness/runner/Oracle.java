package io.ecliptica.harness.runner;

import io.ecliptica.harness.privacy.PlaintextComparison;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.vector.BlockSpec;
import io.ecliptica.harness.vector.TxSpec;
import io.ecliptica.harness.vector.Vector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place where results are compared. Walks the vector in execution order and, field by
 * field in a fixed order, compares the engines with each other and then, where the vector has
 * expectations, their agreed value with the expected one. Stops at the first difference: later
 * ones are usually its consequences. Engine failures are collected as well.
 */
public final class Oracle {
    private Oracle() {
    }

    /**
     * @param costTableHash the hash of the cost table the run used; a fixture filled under another
     *     cost table is a mismatch before anything runs (a changed cost forces a re-fill)
     */
    public static List<Finding> judge(Vector vector, Bytes genesisRoot, String costTableHash, List<EngineTrace> traces) {
        List<Finding> findings = new ArrayList<>();
        for (EngineTrace t : traces) {
            t.failure().ifPresent(f -> findings.add(new Finding.EngineFailed(
                    locate(vector, f.block(), f.tx(), "result"), t.engine().id(), f.failure())));
        }
        if (vector.provenance().isPresent() && !vector.provenance().get().costTableHash().equals(costTableHash)) {
            findings.add(new Finding.Mismatch(Location.preState("costTableHash"), vector.provenance().get().costTableHash(),
                    costTableHash, traces.stream().map(t -> t.engine().id()).toList()));
            return findings;
        }
        if (vector.preStateRoot().isPresent() && !vector.preStateRoot().get().equals(genesisRoot)) {
            findings.add(new Finding.Mismatch(Location.preState("preStateRoot"), vector.preStateRoot().get().toHex(),
                    genesisRoot.toHex(), traces.stream().map(t -> t.engine().id()).toList()));
            return findings;
        }
        firstDifference(vector, traces).ifPresent(findings::add);
        return findings;
    }

    private static Optional<Finding> firstDifference(Vector vector, List<EngineTrace> traces) {
        for (int b = 0; b < vector.blocks().size(); b++) {
            BlockSpec block = vector.blocks().get(b);
            for (int t = 0; t < block.transactions().size(); t++) {
                int bt = b;
                int ti = t;
                List<Reading<CallResult>> readings = readings(traces, tr -> tr.result(bt, ti));
                if (readings.isEmpty()) {
                    return Optional.empty();
                }
                TxSpec tx = block.transactions().get(t);
                for (CallResult.Field field : CallResult.Field.values()) {
                    Optional<Finding> f = compare(locate(vector, b, t, field.id()), readings,
                            r -> FieldText.of(field, r), tx.expect().map(e -> FieldText.of(field, e)));
                    if (f.isPresent()) {
                        return vector.privacy().isPresent() ? Optional.of(withPrivacyNote(f.get(), vector, block, t, field,
                                readings, tx)) : f;
                    }
                }
            }
            int bi = b;
            List<Reading<EngineTrace.BlockTrace>> blockReadings = readings(traces, tr -> completedBlock(tr, bi));
            Optional<BlockSpec.Roots> expected = block.expect();
            Optional<Finding> f = compare(locate(vector, b, -1, "stateRoot"), blockReadings,
                    bt -> bt.stateRoot().orElseThrow().toHex(), expected.map(e -> e.stateRoot().toHex()));
            if (f.isEmpty()) {
                f = compare(locate(vector, b, -1, "receiptsRoot"), blockReadings,
                        bt -> bt.receiptsRoot().orElseThrow().toHex(), expected.map(e -> e.receiptsRoot().toHex()));
            }
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** On a private chain, notes whether the plaintexts behind differing ciphertexts differ too. */
    private static Finding withPrivacyNote(Finding f, Vector vector, BlockSpec block, int t, CallResult.Field field,
                                           List<Reading<CallResult>> readings, TxSpec tx) {
        List<CallResult> results = new ArrayList<>();
        List<String> names = new ArrayList<>();
        readings.forEach(r -> {
            results.add(r.value());
            names.add(r.engine());
        });
        tx.expect().ifPresent(e -> {
            results.add(e);
            names.add("expected");
        });
        Optional<String> note = PlaintextComparison.note(vector.privacy().get(), block.header().height(), t, tx.tx(), field,
                results, names);
        if (note.isEmpty()) {
            return f;
        }
        return switch (f) {
            case Finding.Divergence d -> new Finding.Divergence(d.at(), d.values(), note.get());
            case Finding.Mismatch m -> new Finding.Mismatch(m.at(), m.expected(), m.actual(), m.engines(), note.get());
            case Finding.EngineFailed e -> e;
        };
    }

    /** The block trace of an engine that completed {@code block}, if it did. */
    private static Optional<EngineTrace.BlockTrace> completedBlock(EngineTrace tr, int index) {
        if (index >= tr.blocks().size()) {
            return Optional.empty();
        }
        EngineTrace.BlockTrace bt = tr.blocks().get(index);
        return bt.stateRoot().isPresent() ? Optional.of(bt) : Optional.empty();
    }

    private record Reading<T>(String engine, T value, String diagnostic) {
    }

    private static <T> List<Reading<T>> readings(List<EngineTrace> traces, Function<EngineTrace, Optional<T>> get) {
        List<Reading<T>> out = new ArrayList<>();
        for (EngineTrace t : traces) {
            get.apply(t).ifPresent(v -> out.add(new Reading<>(t.engine().id(), v,
                    v instanceof CallResult r ? r.diagnostic() : "")));
        }
        return out;
    }

    private static <T> Optional<Finding> compare(Location at, List<Reading<T>> readings, Function<T, String> text,
                                                 Optional<String> expected) {
        if (readings.isEmpty()) {
            return Optional.empty();
        }
        Set<String> distinct = new LinkedHashSet<>();
        List<Finding.EngineValue> values = new ArrayList<>();
        for (Reading<T> r : readings) {
            String v = text.apply(r.value());
            distinct.add(v);
            values.add(new Finding.EngineValue(r.engine(), v, r.diagnostic()));
        }
        if (distinct.size() > 1) {
            return Optional.of(new Finding.Divergence(at, values));
        }
        String agreed = distinct.iterator().next();
        if (expected.isPresent() && !expected.get().equals(agreed)) {
            return Optional.of(new Finding.Mismatch(at, expected.get(), agreed,
                    readings.stream().map(Reading::engine).toList()));
        }
        return Optional.empty();
    }

    private static Location locate(Vector vector, int block, int tx, String field) {
        long height = block < vector.blocks().size() ? vector.blocks().get(block).header().height() : 0;
        return new Location(block, height, tx, field);
    }
}

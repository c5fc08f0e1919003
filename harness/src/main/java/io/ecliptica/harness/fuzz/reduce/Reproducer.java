package io.ecliptica.harness.fuzz.reduce;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.fuzz.isolate.RunOutcome;
import io.ecliptica.harness.fuzz.triage.AtomicFiles;
import io.ecliptica.harness.fuzz.triage.CaseFiles;
import io.ecliptica.harness.fuzz.triage.Signature;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.runner.VectorFiller;
import io.ecliptica.harness.vector.Vector;
import io.ecliptica.harness.vector.VectorFormatException;
import io.ecliptica.harness.vector.VectorReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a minimized case as a vector (docs/fuzzing.md, "Reproducers"): {@code filler.json} with
 * its code, and {@code fixture.json} whose expectations are the <em>reference side's</em> results
 * (the majority of engines; on a tie, the side of the first engine). {@code verify} on the same
 * engines then reports the divergence (exit 1); on the reference engines alone it passes, so the
 * fixture stays as a regression vector once the other engine is fixed.
 */
public final class Reproducer {
    public static final String FIXTURE = "fixture.json";

    private Reproducer() {
    }

    /** What was written: the filler, and the fixture unless the reference side has no complete trace. */
    public record Written(Path filler, Optional<Path> fixture) {
    }

    /** @param wat the module's text form, written as {@code contract.wat} beside the binary when present */
    public static Written write(Vector minimal, Optional<String> wat, RunOutcome outcome, Signature signature,
                                String costTableHash, Path dir) throws IOException {
        if (wat.isPresent()) {
            AtomicFiles.write(dir.resolve("contract.wat"), wat.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Path fillerFile = CaseFiles.save(minimal, dir);
        Optional<EngineTrace> reference = outcome.verdict().traces().stream()
                .filter(t -> t.engine().id().equals(signature.reference().get(0))).findFirst()
                .filter(Reproducer::complete);
        if (reference.isEmpty()) {
            return new Written(fillerFile, Optional.empty());
        }
        Vector filler;
        try {
            filler = VectorReader.read(fillerFile, minimal.profile());
        } catch (VectorFormatException e) {
            throw new IOException("the reproducer filler just written does not read back: " + e.getMessage(), e);
        }
        List<EngineDescriptor> agreeing = new ArrayList<>();
        for (EngineTrace t : outcome.verdict().traces()) {
            if (complete(t) && sameResults(t, reference.get())) {
                agreeing.add(t.engine());
            }
        }
        Path fixture = dir.resolve(FIXTURE);
        VectorFiller.writeFixture(filler, fixture, reference.get(), agreeing, costTableHash);
        return new Written(fillerFile, Optional.of(fixture));
    }

    private static boolean complete(EngineTrace t) {
        return t.failure().isEmpty() && t.blocks().stream().allMatch(b -> b.stateRoot().isPresent());
    }

    private static boolean sameResults(EngineTrace a, EngineTrace b) {
        if (a.blocks().size() != b.blocks().size()) {
            return false;
        }
        for (int i = 0; i < a.blocks().size(); i++) {
            EngineTrace.BlockTrace x = a.blocks().get(i);
            EngineTrace.BlockTrace y = b.blocks().get(i);
            if (x.results().size() != y.results().size() || !x.stateRoot().equals(y.stateRoot())
                    || !x.receiptsRoot().equals(y.receiptsRoot())) {
                return false;
            }
            for (int r = 0; r < x.results().size(); r++) {
                CallResult cx = x.results().get(r);
                if (!cx.sameAs(y.results().get(r))) {
                    return false;
                }
            }
        }
        return true;
    }
}

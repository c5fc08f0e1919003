package io.ecliptica.harness.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.exec.EngineRegistry;
import io.ecliptica.harness.fuzz.isolate.InProcessRunner;
import io.ecliptica.harness.fuzz.isolate.RunOutcome;
import io.ecliptica.harness.fuzz.triage.KnownFinding;
import io.ecliptica.harness.fuzz.triage.KnownFindings;
import io.ecliptica.harness.fuzz.triage.Signature;
import io.ecliptica.harness.fuzz.triage.Triage;
import io.ecliptica.harness.profile.Profiles;
import io.ecliptica.harness.runner.DifferentialRunner;
import io.ecliptica.harness.vector.VectorReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The registry nightly campaigns pass ({@code docs/fuzz-findings/known.json}) stays true: every
 * entry's reproducer, run on the default engines as a campaign runs a case, still diverges, and
 * the entry covers the signature it shows. An entry whose bug was fixed or normalized fails here,
 * so it is removed instead of silently covering a future bug. And it is complete: every finding
 * documented under {@code docs/fuzz-findings/} either runs clean now or has an entry, so a nightly
 * campaign with the registry fails only on bugs nobody has written down.
 */
class BundledKnownFindingsTest {
    private static final Path REGISTRY = Path.of("../docs/fuzz-findings/known.json");

    @Test
    void everyEntryCoversItsReproducerAndEveryDocumentedFindingIsCleanOrCovered() throws Exception {
        KnownFindings known = KnownFindings.load(REGISTRY);
        EngineRegistry engines = EngineRegistry.discover();
        List<EngineExecutor> executors = new ArrayList<>();
        for (String id : engines.defaultIds()) {
            executors.add(new EngineExecutor(engines.provider(id).orElseThrow().create(),
                    new EngineExecutor.Limits(Duration.ofSeconds(20), Duration.ofSeconds(120))));
        }
        try (InProcessRunner runner = new InProcessRunner(new DifferentialRunner(executors, Profiles::byId))) {
            for (KnownFinding k : known.entries()) {
                Path reproducer = REGISTRY.getParent().resolve(k.reproducer());
                RunOutcome outcome = runner.run(VectorReader.read(reproducer, "ecliptica-v1"));
                Optional<Signature> s = Triage.signature(outcome, runner);
                assertTrue(s.isPresent(), k.name() + ": its reproducer no longer diverges; remove the entry");
                assertTrue(k.matches(s.get()), k.name() + " does not cover its reproducer's signature " + s.get().text());
                assertEquals(Optional.of(k.name()), known.find(s.get()).map(KnownFinding::name),
                        "an earlier entry takes " + k.name() + "'s signature");
                assertFalse(k.reason().isBlank());
            }
            List<Path> findings;
            try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(REGISTRY.getParent())) {
                findings = dirs.filter(d -> java.nio.file.Files.isRegularFile(d.resolve("filler.json"))).sorted().toList();
            }
            assertFalse(findings.isEmpty(), "docs/fuzz-findings documents no finding");
            for (Path finding : findings) {
                RunOutcome outcome = runner.run(VectorReader.read(finding.resolve("filler.json"), "ecliptica-v1"));
                Optional<Signature> s = Triage.signature(outcome, runner);
                assertTrue(s.isEmpty() || known.find(s.get()).isPresent(),
                        finding.getFileName() + " still diverges (" + s.map(Signature::text).orElse("") + ") and no entry covers it");
            }
        }
    }
}

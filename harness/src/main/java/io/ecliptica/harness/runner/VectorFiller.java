package io.ecliptica.harness.runner;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.HarnessVersion;
import io.ecliptica.harness.abi.HostAbi;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.exec.EngineExecutor;
import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import io.ecliptica.harness.vector.CanonicalJson;
import io.ecliptica.harness.vector.ContractSpec;
import io.ecliptica.harness.vector.FixtureWriter;
import io.ecliptica.harness.vector.Provenance;
import io.ecliptica.harness.vector.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code fill}: runs a filler on every engine and writes the fixture only if all of them agree on
 * every field of every transaction and block and none failed. Otherwise nothing is written.
 */
public final class VectorFiller {
    private VectorFiller() {
    }

    /** The outcome of filling one filler. */
    public sealed interface Outcome {
        VectorVerdict verdict();

        record Written(VectorVerdict verdict, Path fixture, boolean changed) implements Outcome {
        }

        record Refused(VectorVerdict verdict, String reason) implements Outcome {
        }
    }

    public static Outcome fill(Vector filler, Path fixtureFile, DifferentialRunner runner) throws IOException {
        VectorVerdict verdict = runner.run(filler);
        if (!verdict.passed()) {
            return new Outcome.Refused(verdict, "engines did not all agree; no fixture written");
        }
        EngineTrace agreed = verdict.traces().get(0);
        List<EngineDescriptor> by = runner.engines().stream().map(EngineExecutor::descriptor).toList();
        boolean changed = writeFixture(filler, fixtureFile, agreed, by,
                runner.prepared(filler.profile()).profile().costTableHash());
        return new Outcome.Written(verdict, fixtureFile, changed);
    }

    /**
     * Writes the fixture of {@code filler} with the results of {@code reference} as expectations
     * and {@code filledBy} as the engines that agreed (atomically; only if the bytes change).
     * {@code fill} passes the trace all engines agreed on; the fuzzer's reproducers pass the
     * reference side's trace of a divergence (docs/fuzzing.md, "Reproducers").
     *
     * @return whether the file changed
     */
    public static boolean writeFixture(Vector filler, Path fixtureFile, EngineTrace reference,
                                       List<EngineDescriptor> filledBy, String costTableHash) throws IOException {
        List<FixtureWriter.BlockResults> blocks = new ArrayList<>();
        for (EngineTrace.BlockTrace bt : reference.blocks()) {
            blocks.add(new FixtureWriter.BlockResults(bt.results(), bt.stateRoot().orElseThrow(),
                    bt.receiptsRoot().orElseThrow()));
        }
        byte[] json = CanonicalJson.toBytes(FixtureWriter.build(filler, fixtureFile,
                provenance(filler, fixtureFile, filledBy, costTableHash), reference.preStateRoot(), blocks));
        boolean changed = !Files.exists(fixtureFile) || !java.util.Arrays.equals(Files.readAllBytes(fixtureFile), json);
        if (changed) {
            Path dir = fixtureFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Write beside the target, then move: an interrupted fill never leaves half a fixture.
            Path tmp = Files.createTempFile(dir, ".fill-", ".json");
            Files.write(tmp, json);
            Files.move(tmp, fixtureFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return changed;
    }

    private static Provenance provenance(Vector filler, Path fixtureFile, List<EngineDescriptor> filledBy,
                                         String costTableHash) throws IOException {
        Path base = fixtureFile.toAbsolutePath().normalize().getParent();
        TreeMap<String, String> sources = new TreeMap<>();
        for (ContractSpec c : filler.contracts()) {
            if (!c.source().isEmpty()) {
                Path src = filler.file().toAbsolutePath().getParent().resolve(c.source()).normalize();
                if (Files.isRegularFile(src)) {
                    sources.put(base.relativize(src).toString().replace('\\', '/'),
                            StateRootScheme.sha256(Bytes.of(Files.readAllBytes(src))).toHex());
                }
            }
        }
        String fillerPath = base.relativize(filler.file().toAbsolutePath().normalize()).toString().replace('\\', '/');
        List<Provenance.FilledBy> by = filledBy.stream()
                .map(Provenance.FilledBy::of).toList();
        return new Provenance(HarnessVersion.label(), HostAbi.ID, StateRootScheme.ID, costTableHash, fillerPath,
                StateRootScheme.sha256(Bytes.of(Files.readAllBytes(filler.file()))).toHex(), sources, by);
    }
}

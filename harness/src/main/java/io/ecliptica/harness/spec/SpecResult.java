package io.ecliptica.harness.spec;

import io.ecliptica.engine.EngineDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results of a spec run: every file on every engine, with the derived totals, divergences and failures. */
public final class SpecResult {

    /** A failed command on one engine. */
    public record Failure(String engine, String file, int line, String kind, String reason, String observed, String detail) {}

    /** Failures (or skips) of one engine with the same reason, with the first one as an example. */
    public record ReasonGroup(String engine, String reason, long count, String exampleFile, int exampleLine,
            String exampleDetail) {}

    private final String profile;
    private final List<EngineDescriptor> engines;
    private final List<FileResult> files;
    private final List<Divergences.Divergence> divergences;

    public SpecResult(String profile, List<EngineDescriptor> engines, List<FileResult> files) {
        this.profile = profile;
        this.engines = List.copyOf(engines);
        this.files = List.copyOf(files);
        this.divergences = findDivergences();
    }

    public String profile() {
        return profile;
    }

    public List<EngineDescriptor> engines() {
        return engines;
    }

    public List<String> engineIds() {
        return engines.stream().map(EngineDescriptor::id).toList();
    }

    public List<FileResult> files() {
        return files;
    }

    public Tally total(int engine) {
        return files.stream().map(f -> f.tally(engine)).reduce(Tally.ZERO, Tally::plus);
    }

    public long commandCount() {
        return files.stream().mapToLong(f -> f.commands().size()).sum();
    }

    public List<FileResult> unreadable() {
        return files.stream().filter(f -> f.error().isPresent()).toList();
    }

    public List<Divergences.Divergence> divergences() {
        return divergences;
    }

    public long divergenceCount(String file) {
        return divergences.stream().filter(d -> d.file().equals(file)).count();
    }

    private List<Divergences.Divergence> findDivergences() {
        List<Divergences.Divergence> out = new ArrayList<>();
        List<String> ids = engineIds();
        for (FileResult f : files) {
            if (f.outcomes().isEmpty()) {
                continue;
            }
            for (int c = 0; c < f.commands().size(); c++) {
                Divergences.detect(f.file().name(), f.commands().get(c), ids, f.column(c)).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** Every failure, by engine, then file and line. */
    public List<Failure> failures() {
        return withStatus(Outcome.Status.FAIL);
    }

    private List<Failure> withStatus(Outcome.Status status) {
        List<Failure> out = new ArrayList<>();
        for (int e = 0; e < engines.size(); e++) {
            String id = engines.get(e).id();
            for (FileResult f : files) {
                if (f.outcomes().isEmpty()) {
                    continue;
                }
                List<Outcome> outcomes = f.outcomes().get(e);
                for (int c = 0; c < outcomes.size(); c++) {
                    Outcome o = outcomes.get(c);
                    if (o.status() == status) {
                        FileResult.Command cmd = f.commands().get(c);
                        out.add(new Failure(id, f.file().name(), cmd.line(), cmd.kind(), o.reason(), o.observed(), o.detail()));
                    }
                }
            }
        }
        return out;
    }

    /** Failures grouped by engine and reason, each engine's largest groups first. */
    public List<ReasonGroup> failureReasons() {
        return reasons(withStatus(Outcome.Status.FAIL));
    }

    /** Skips grouped by engine and reason, each engine's largest groups first. */
    public List<ReasonGroup> skipReasons() {
        return reasons(withStatus(Outcome.Status.SKIP));
    }

    private List<ReasonGroup> reasons(List<Failure> items) {
        Map<String, List<Failure>> byKey = new LinkedHashMap<>();
        for (Failure f : items) {
            byKey.computeIfAbsent(f.engine() + '\u0000' + f.reason(), k -> new ArrayList<>()).add(f);
        }
        List<String> ids = engineIds();
        return byKey.values().stream()
                .map(l -> new ReasonGroup(l.get(0).engine(), l.get(0).reason(), l.size(), l.get(0).file(), l.get(0).line(),
                        l.get(0).detail()))
                .sorted(Comparator.comparingInt((ReasonGroup g) -> ids.indexOf(g.engine()))
                        .thenComparing(Comparator.comparingLong(ReasonGroup::count).reversed())
                        .thenComparing(ReasonGroup::reason))
                .toList();
    }
}

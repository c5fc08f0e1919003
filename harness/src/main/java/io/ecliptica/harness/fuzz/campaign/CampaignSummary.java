package io.ecliptica.harness.fuzz.campaign;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.fuzz.triage.FindingStore;
import io.ecliptica.harness.vector.CanonicalJson;
import java.util.List;
import java.util.Locale;

/** The summary JSON of a campaign (docs/fuzzing.md, "Summary JSON"); members in a fixed order. */
public final class CampaignSummary {
    public static final String FORMAT = "ecliptica-fuzz-summary/1";

    private CampaignSummary() {
    }

    /** Everything that defines which cases ran, so another run can reproduce them. */
    public record Setup(long seed, Shard shard, String profile, String contractsHash, int contractCount,
                        int generatedPercent, int privatePercent, boolean generator, boolean isolated,
                        int callTimeoutSeconds) {
    }

    public static ObjectNode build(Setup setup, List<EngineDescriptor> engines, Campaign.Result result,
                                   FindingStore store, int workerRestarts, int exitCode) {
        ObjectNode root = CanonicalJson.object();
        root.put("format", FORMAT);
        ObjectNode c = root.putObject("campaign");
        c.put("seed", setup.seed());
        c.put("shard", setup.shard().toString());
        c.put("profile", setup.profile());
        c.put("contractsHash", setup.contractsHash());
        c.put("contracts", setup.contractCount());
        c.put("generatedPercent", setup.generatedPercent());
        c.put("privatePercent", setup.privatePercent());
        c.put("moduleGenerator", setup.generator());
        c.put("isolation", setup.isolated() ? "worker-processes" : "in-process");
        c.put("callTimeoutSeconds", setup.callTimeoutSeconds());
        if (store.registry().sha256().isEmpty()) {
            c.putNull("known");
        } else {
            ObjectNode k = c.putObject("known");
            k.put("entries", store.registry().entries().size());
            k.put("sha256", store.registry().sha256());
        }
        ArrayNode es = c.putArray("engines");
        for (EngineDescriptor d : engines) {
            ObjectNode e = es.addObject();
            e.put("engine", d.id());
            e.put("library", d.library());
            e.put("version", d.version());
            e.put("mode", d.mode());
        }
        root.put("cases", result.cases());
        root.put("firstCase", result.firstIndex());
        root.put("lastCase", result.lastIndex());
        root.put("stoppedBy", result.stop().id());
        root.put("findings", store.occurrences());
        root.put("distinctBugs", store.bugs().size());
        List<FindingStore.Bug> fresh = store.newBugs();
        long freshFindings = fresh.stream().mapToLong(FindingStore.Bug::count).sum();
        ObjectNode n = root.putObject("new");
        n.put("bugs", fresh.size());
        n.put("findings", freshFindings);
        ObjectNode k = root.putObject("known");
        k.put("bugs", store.bugs().size() - fresh.size());
        k.put("findings", store.occurrences() - freshFindings);
        ArrayNode bugs = root.putArray("bugs");
        for (FindingStore.Bug b : store.bugs()) {
            bugs.add(store.json(b));
        }
        ObjectNode cov = root.putObject("opcodeCoverage");
        cov.put("count", result.coverage().size());
        ArrayNode ops = cov.putArray("opcodes");
        result.coverage().forEach(ops::add);
        root.put("workerRestarts", workerRestarts);
        // wall-clock figures: the only members that differ between two runs of the same cases
        ObjectNode timing = root.putObject("timing");
        timing.put("seconds", Double.parseDouble(String.format(Locale.ROOT, "%.3f", result.elapsed().toNanos() / 1e9)));
        timing.put("execsPerSecond", Double.parseDouble(String.format(Locale.ROOT, "%.2f", result.execsPerSecond())));
        root.put("exitCode", exitCode);
        return root;
    }
}

package io.ecliptica.harness.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.vector.CanonicalJson;
import java.util.List;
import java.util.Map;

/**
 * The full result as canonical JSON: every failure and every divergence, not just the groups the
 * text report shows. Nothing time-dependent goes in, so the same run gives the same bytes.
 */
public final class SpecJson {
    private SpecJson() {
    }

    public static String toText(SpecResult r, int exitCode) {
        return CanonicalJson.toText(toJson(r, exitCode));
    }

    public static ObjectNode toJson(SpecResult r, int exitCode) {
        List<String> ids = r.engineIds();
        ObjectNode root = CanonicalJson.object();
        root.put("command", "spec");
        root.put("profile", r.profile());
        ArrayNode engines = root.putArray("engines");
        for (EngineDescriptor d : r.engines()) {
            ObjectNode o = engines.addObject();
            o.put("id", d.id());
            o.put("library", d.library());
            o.put("version", d.version());
            o.put("mode", d.mode());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("files", r.files().size());
        summary.put("unreadableFiles", r.unreadable().size());
        summary.put("commands", r.commandCount());
        summary.put("divergences", r.divergences().size());
        summary.put("exitCode", exitCode);
        ObjectNode totals = root.putObject("totals");
        for (int e = 0; e < ids.size(); e++) {
            tally(totals.putObject(ids.get(e)), r.total(e));
        }

        ArrayNode files = root.putArray("files");
        for (FileResult f : r.files()) {
            ObjectNode o = files.addObject();
            o.put("file", f.file().name());
            o.put("path", f.file().path().toString().replace('\\', '/'));
            f.error().ifPresent(err -> o.put("error", err));
            o.put("commands", f.commands().size());
            o.put("divergences", r.divergenceCount(f.file().name()));
            ObjectNode results = o.putObject("results");
            for (int e = 0; e < ids.size(); e++) {
                tally(results.putObject(ids.get(e)), f.tally(e));
            }
        }

        ArrayNode patterns = root.putArray("divergencePatterns");
        Divergences.countByPattern(r.divergences()).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(p -> patterns.addObject().put("pattern", p.getKey()).put("count", p.getValue()));
        ArrayNode divergences = root.putArray("divergences");
        for (Divergences.Divergence d : r.divergences()) {
            ObjectNode o = divergences.addObject();
            o.put("file", d.file());
            o.put("line", d.line());
            o.put("command", d.kind());
            o.put("pattern", d.pattern());
            ObjectNode outcomes = o.putObject("outcomes");
            d.observed().forEach(outcomes::put);
        }

        reasons(root.putArray("failureReasons"), r.failureReasons());
        reasons(root.putArray("skipReasons"), r.skipReasons());
        ArrayNode failures = root.putArray("failures");
        for (SpecResult.Failure f : r.failures()) {
            ObjectNode o = failures.addObject();
            o.put("engine", f.engine());
            o.put("file", f.file());
            o.put("line", f.line());
            o.put("command", f.kind());
            o.put("reason", f.reason());
            o.put("observed", f.observed());
            o.put("detail", f.detail());
        }
        return root;
    }

    private static void reasons(ArrayNode array, List<SpecResult.ReasonGroup> groups) {
        for (SpecResult.ReasonGroup g : groups) {
            ObjectNode o = array.addObject();
            o.put("engine", g.engine());
            o.put("reason", g.reason());
            o.put("count", g.count());
            o.put("example", g.exampleFile() + ":" + g.exampleLine());
            o.put("exampleDetail", g.exampleDetail());
        }
    }

    private static void tally(ObjectNode o, Tally t) {
        o.put("pass", t.pass());
        o.put("fail", t.fail());
        o.put("skip", t.skip());
    }
}

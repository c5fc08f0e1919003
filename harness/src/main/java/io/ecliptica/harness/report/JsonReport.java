package io.ecliptica.harness.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.HarnessVersion;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.runner.Finding;
import io.ecliptica.harness.runner.FieldText;
import io.ecliptica.harness.runner.Location;
import io.ecliptica.harness.runner.VectorVerdict;
import io.ecliptica.harness.vector.CanonicalJson;
import java.util.List;

/**
 * Machine-readable reports ({@code --json}). No timings or host details, so the same run gives the
 * same bytes and reports can be diffed.
 */
public final class JsonReport {
    private final ObjectNode root = CanonicalJson.object();
    private final ArrayNode items;

    public JsonReport(String command, List<EngineDescriptor> engines) {
        root.put("harness", HarnessVersion.label());
        root.put("command", command);
        engines(root.putArray("engines"), engines);
        items = root.putArray("vectors");
    }

    /** Every expected-result field of {@code r} as docs/vector-format.md writes it, and its diagnostic. */
    static void result(ObjectNode into, CallResult r) {
        for (CallResult.Field field : CallResult.Field.values()) {
            into.put(field.id(), FieldText.of(field, r));
        }
        into.put("diagnostic", r.diagnostic());
    }

    /** The engines of a report: id, library, version and mode of each. */
    static void engines(ArrayNode into, List<EngineDescriptor> engines) {
        for (EngineDescriptor d : engines) {
            ObjectNode o = into.addObject();
            o.put("id", d.id());
            o.put("library", d.library());
            o.put("version", d.version());
            o.put("mode", d.mode());
        }
    }

    public ObjectNode root() {
        return root;
    }

    public ObjectNode vector(String name, VectorVerdict v) {
        ObjectNode o = items.addObject();
        o.put("file", name);
        o.put("verdict", verdict(v));
        o.put("blocks", v.vector().blocks().size());
        o.put("transactions", v.vector().transactionCount());
        ArrayNode findings = o.putArray("findings");
        for (Finding f : v.findings()) {
            findings.add(finding(f));
        }
        return o;
    }

    /** Adds every engine's full result of the first transaction (for {@code run}). */
    public void results(ObjectNode vectorNode, VectorVerdict v) {
        ObjectNode results = vectorNode.putObject("results");
        for (EngineTrace t : v.traces()) {
            ObjectNode r = results.putObject(t.engine().id());
            t.result(0, 0).ifPresentOrElse(cr -> result(r, cr), () -> t.failure().ifPresent(f -> {
                r.put("failure", f.failure().kind().id());
                r.put("message", f.failure().message());
            }));
        }
    }

    public void summary(int vectors, int passed, int failed, int errors, int exitCode) {
        ObjectNode s = root.putObject("summary");
        s.put("vectors", vectors);
        s.put("passed", passed);
        s.put("failed", failed);
        s.put("errors", errors);
        root.put("exitCode", exitCode);
    }

    public String toText() {
        return CanonicalJson.toText(root);
    }

    static String verdict(VectorVerdict v) {
        if (v.passed()) {
            return "pass";
        }
        if (v.hasEngineFailure()) {
            return "engine_failure";
        }
        return v.findings().get(0) instanceof Finding.Divergence ? "divergence" : "mismatch";
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode o = CanonicalJson.object();
        switch (f) {
            case Finding.Divergence d -> {
                o.put("kind", "divergence");
                location(o, d.at());
                ObjectNode values = o.putObject("values");
                ObjectNode diags = o.putObject("diagnostics");
                for (Finding.EngineValue ev : d.values()) {
                    values.put(ev.engine(), ev.value());
                    diags.put(ev.engine(), ev.diagnostic());
                }
                if (!d.note().isEmpty()) {
                    o.put("privacy", d.note());
                }
            }
            case Finding.Mismatch m -> {
                o.put("kind", "mismatch");
                location(o, m.at());
                o.put("expected", m.expected());
                ObjectNode values = o.putObject("values");
                m.engines().forEach(e -> values.put(e, m.actual()));
                if (!m.note().isEmpty()) {
                    o.put("privacy", m.note());
                }
            }
            case Finding.EngineFailed e -> {
                o.put("kind", "engine_failure");
                location(o, e.at());
                o.put("engine", e.engine());
                o.put("failure", e.failure().kind().id());
                o.put("message", e.failure().message());
            }
        }
        return o;
    }

    private static void location(ObjectNode o, Location at) {
        o.put("block", at.block());
        o.put("height", at.height());
        o.put("tx", at.tx());
        o.put("field", at.field());
    }
}

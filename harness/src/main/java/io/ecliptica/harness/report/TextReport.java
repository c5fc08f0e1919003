package io.ecliptica.harness.report;

import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.harness.result.CallResult;
import io.ecliptica.harness.runner.EngineTrace;
import io.ecliptica.harness.runner.Finding;
import io.ecliptica.harness.runner.FieldText;
import io.ecliptica.harness.runner.VectorVerdict;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Human-readable reports: one line per vector, details under each failing one. */
public final class TextReport {
    private static final int WIDE = 100;

    private final PrintStream out;
    private final boolean full;

    /** @param full print values whole instead of abbreviating long ones */
    public TextReport(PrintStream out, boolean full) {
        this.out = out;
        this.full = full;
    }

    public void engines(List<EngineDescriptor> engines) {
        out.println("Engines: " + String.join(", ", engines.stream().map(EngineDescriptor::toString).toList()));
        out.println();
    }

    public void vector(String name, VectorVerdict v) {
        String size = v.vector().blocks().size() + " blocks, " + v.vector().transactionCount() + " txs";
        if (v.passed()) {
            out.printf(Locale.ROOT, "PASS  %s  (%s, %d engines agree%s)%n", name, size, v.traces().size(),
                    v.vector().preStateRoot().isPresent() ? " and match the vector" : "");
            return;
        }
        out.printf(Locale.ROOT, "FAIL  %s  (%s)%n", name, size);
        for (Finding f : v.findings()) {
            finding(f);
        }
    }

    public void finding(Finding f) {
        switch (f) {
            case Finding.Divergence d -> {
                out.println("      DIVERGENCE at " + d.at() + ": engines disagree");
                int w = width(d.values().stream().map(Finding.EngineValue::engine).toList());
                for (Finding.EngineValue ev : d.values()) {
                    String diag = ev.diagnostic().isEmpty() ? "" : "   (" + firstLine(ev.diagnostic()) + ")";
                    out.printf(Locale.ROOT, "        %-" + w + "s  %s%s%n", ev.engine(), shorten(ev.value()), diag);
                }
                note(d.note());
            }
            case Finding.Mismatch m -> {
                out.println("      MISMATCH at " + m.at() + ": all engines agree, but not with the vector");
                int w = Math.max("expected".length(), width(m.engines()));
                out.printf(Locale.ROOT, "        %-" + w + "s  %s%n", "expected", shorten(m.expected()));
                for (String e : m.engines()) {
                    out.printf(Locale.ROOT, "        %-" + w + "s  %s%n", e, shorten(m.actual()));
                }
                note(m.note());
            }
            case Finding.EngineFailed e -> out.println("      ENGINE FAILURE at " + e.at().toString().replace(", field result", "")
                    + ": " + e.engine() + " " + e.failure().kind().id() + ": " + e.failure().message());
        }
    }

    private void note(String note) {
        if (!note.isEmpty()) {
            out.println("        privacy: " + note);
        }
    }

    /**
     * Every engine's result of one call, side by side (for {@code run}): a field on which all
     * engines agree takes one line; a field on which they differ lists each engine's value.
     */
    public void sideBySide(VectorVerdict v) {
        List<EngineTrace> traces = v.traces();
        int engineWidth = width(traces.stream().map(t -> t.engine().id()).toList());
        int w = Math.max(10, engineWidth + 2);
        for (CallResult.Field field : CallResult.Field.values()) {
            List<String> values = traces.stream().map(t -> t.result(0, 0).map(r -> FieldText.of(field, r))
                    .orElse("(no result: " + t.failure().map(f -> f.failure().kind().id() + ", "
                            + f.failure().message()).orElse("") + ")")).toList();
            if (values.stream().distinct().count() == 1) {
                out.printf(Locale.ROOT, "  %-" + w + "s  %s%s%n", field.id(), shorten(values.get(0)),
                        field == CallResult.Field.OUTPUT ? asText(values.get(0)) : "");
                continue;
            }
            out.printf(Locale.ROOT, "  %-" + w + "s  DIFFERS:%n", field.id());
            for (int i = 0; i < traces.size(); i++) {
                out.printf(Locale.ROOT, "    %-" + engineWidth + "s  %s%n", traces.get(i).engine().id(), shorten(values.get(i)));
            }
        }
        for (EngineTrace t : traces) {
            t.result(0, 0).filter(r -> !r.diagnostic().isEmpty() && r.status() != io.ecliptica.harness.result.Status.OK)
                    .ifPresent(r -> out.printf(Locale.ROOT, "  note: %s said: %s%n", t.engine().id(), firstLine(r.diagnostic())));
        }
    }

    /** Output bytes that are printable ASCII (messages, names) also shown as text. */
    private static String asText(String hex) {
        if (!hex.startsWith("0x") || hex.length() <= 2) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 2; i + 1 < hex.length(); i += 2) {
            int c = Integer.parseInt(hex.substring(i, i + 2), 16);
            if (c < 0x20 || c > 0x7e) {
                return "";
            }
            text.append((char) c);
        }
        return "  \"" + text + "\"";
    }

    public void line(String s) {
        out.println(s);
    }

    private String shorten(String s) {
        if (full || s.length() <= WIDE) {
            return s;
        }
        return s.substring(0, WIDE - 30) + "…" + s.substring(s.length() - 20) + " (" + s.length() + " chars; --full shows all)";
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static int width(List<String> names) {
        return names.stream().mapToInt(String::length).max().orElse(8);
    }
}

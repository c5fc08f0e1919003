package io.ecliptica.harness.spec;

import io.ecliptica.engine.EngineDescriptor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable report: matrix, totals, divergences, failures by reason, skips by reason. */
public final class SpecText {
    /** Failure reasons listed per engine before the rest is summed up. */
    static final int REASONS_PER_ENGINE = 20;
    /** Divergence groups listed before the rest is summed up. */
    static final int MAX_GROUPS = 150;

    private final PrintStream out;
    private final int examples;

    /** @param examples how many example commands to print per divergence group */
    public SpecText(PrintStream out, int examples) {
        this.out = out;
        this.examples = examples;
    }

    public void print(SpecResult r) {
        header(r);
        matrix(r);
        totals(r);
        divergences(r);
        failures(r);
        skips(r);
    }

    private void header(SpecResult r) {
        out.printf(Locale.ROOT, "Spec run: %d file%s, %d commands, profile %s%n", r.files().size(),
                r.files().size() == 1 ? "" : "s", r.commandCount(), r.profile());
        for (EngineDescriptor d : r.engines()) {
            out.println("  " + d);
        }
        out.println();
    }

    private void matrix(SpecResult r) {
        List<String> ids = r.engineIds();
        int fileWidth = Math.max(4, r.files().stream().mapToInt(f -> f.file().name().length()).max().orElse(4));
        int[] widths = new int[ids.size()];
        for (int e = 0; e < ids.size(); e++) {
            int w = Math.max(Math.max(ids.get(e).length(), "pass/fail/skip".length()), r.total(e).toString().length());
            for (FileResult f : r.files()) {
                w = Math.max(w, f.tally(e).toString().length());
            }
            widths[e] = w;
        }
        StringBuilder head = new StringBuilder(pad("file", fileWidth)).append("  ").append(lpad("cmds", 6));
        StringBuilder sub = new StringBuilder(pad("", fileWidth)).append("  ").append(lpad("", 6));
        for (int e = 0; e < ids.size(); e++) {
            head.append("  ").append(lpad(ids.get(e), widths[e]));
            sub.append("  ").append(lpad("pass/fail/skip", widths[e]));
        }
        head.append("  ").append(lpad("diverge", 7));
        out.println(head);
        out.println(sub.toString().stripTrailing());
        for (FileResult f : r.files()) {
            StringBuilder row = new StringBuilder(pad(f.file().name(), fileWidth)).append("  ");
            if (f.error().isPresent()) {
                out.println(row.append("UNREADABLE: ").append(f.error().get()));
                continue;
            }
            row.append(lpad(Integer.toString(f.commands().size()), 6));
            for (int e = 0; e < ids.size(); e++) {
                row.append("  ").append(lpad(f.tally(e).toString(), widths[e]));
            }
            long d = r.divergenceCount(f.file().name());
            row.append("  ").append(lpad(d == 0 ? "-" : Long.toString(d), 7));
            out.println(row);
        }
        StringBuilder total = new StringBuilder(pad("TOTAL", fileWidth)).append("  ")
                .append(lpad(Long.toString(r.commandCount()), 6));
        for (int e = 0; e < ids.size(); e++) {
            total.append("  ").append(lpad(r.total(e).toString(), widths[e]));
        }
        total.append("  ").append(lpad(Integer.toString(r.divergences().size()), 7));
        out.println(total);
        out.println();
    }

    private void totals(SpecResult r) {
        out.println("Totals per engine:");
        int w = r.engineIds().stream().mapToInt(String::length).max().orElse(8);
        for (int e = 0; e < r.engines().size(); e++) {
            Tally t = r.total(e);
            out.printf(Locale.ROOT, "  %-" + w + "s  %6d pass (%5.1f%%)  %6d fail  %6d skip%n", r.engineIds().get(e),
                    t.pass(), t.total() == 0 ? 0.0 : 100.0 * t.pass() / t.total(), t.fail(), t.skip());
        }
        if (!r.unreadable().isEmpty()) {
            out.println("  " + r.unreadable().size() + " file(s) could not be read (marked UNREADABLE above)");
        }
        out.println();
    }

    private void divergences(SpecResult r) {
        List<Divergences.Divergence> all = r.divergences();
        if (all.isEmpty()) {
            out.println("Divergences: none (every engine that ran a command observed the same outcome).");
            out.println();
            return;
        }
        out.println("Divergences: " + all.size() + " commands on which the engines observed different outcomes.");
        out.println("By pattern (engines that agree are listed together; ok[A]/ok[B] are different results):");
        Map<String, Long> byPattern = Divergences.countByPattern(all);
        byPattern.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(p -> out.printf(Locale.ROOT, "  %6d  %s%n", p.getValue(), p.getKey()));
        List<Divergences.Group> groups = Divergences.group(all);
        out.println("By file and pattern" + (examples > 0 ? " (first " + examples + " example" + (examples == 1 ? "" : "s") + " each)" : "") + ":");
        int shown = 0;
        for (Divergences.Group g : groups) {
            if (shown++ == MAX_GROUPS) {
                out.println("  ... " + (groups.size() - MAX_GROUPS) + " more groups (use --json or --report for all)");
                break;
            }
            out.printf(Locale.ROOT, "  %s  %d x  %s%n", g.file(), g.count(), g.pattern());
            for (Divergences.Divergence d : g.items().subList(0, Math.min(examples, g.count()))) {
                List<String> parts = new ArrayList<>();
                d.observed().forEach((engine, observed) -> parts.add(engine + ": " + observed));
                out.println("      line " + d.line() + " " + d.kind() + ": " + String.join("; ", parts));
            }
        }
        out.println();
    }

    private void failures(SpecResult r) {
        List<SpecResult.ReasonGroup> groups = r.failureReasons();
        if (groups.isEmpty()) {
            out.println("Failures: none.");
            out.println();
            return;
        }
        out.println("Failures by reason (count, reason, first example):");
        Map<String, List<SpecResult.ReasonGroup>> byEngine = byEngine(groups);
        byEngine.forEach((engine, list) -> {
            out.println("  " + engine + " (" + list.stream().mapToLong(SpecResult.ReasonGroup::count).sum() + " failures)");
            for (int i = 0; i < list.size(); i++) {
                if (i == REASONS_PER_ENGINE) {
                    long rest = list.subList(i, list.size()).stream().mapToLong(SpecResult.ReasonGroup::count).sum();
                    out.println("      ... " + (list.size() - i) + " more reasons, " + rest + " failures (see --json)");
                    break;
                }
                SpecResult.ReasonGroup g = list.get(i);
                out.printf(Locale.ROOT, "    %6d  %s%n            e.g. %s:%d%s%n", g.count(), g.reason(), g.exampleFile(),
                        g.exampleLine(), g.exampleDetail().isEmpty() ? "" : "  " + clip(g.exampleDetail(), 160));
            }
        });
        out.println();
    }

    private void skips(SpecResult r) {
        List<SpecResult.ReasonGroup> groups = r.skipReasons();
        if (groups.isEmpty()) {
            return;
        }
        List<String> ids = r.engineIds();
        Map<String, long[]> byReason = new LinkedHashMap<>();
        for (SpecResult.ReasonGroup g : groups) {
            byReason.computeIfAbsent(g.reason(), k -> new long[ids.size()])[ids.indexOf(g.engine())] += g.count();
        }
        out.println("Skips by reason (" + String.join(" / ", ids) + "):");
        byReason.forEach((reason, counts) -> {
            List<String> c = new ArrayList<>();
            for (long n : counts) {
                c.add(Long.toString(n));
            }
            out.println("  " + String.join(" / ", c) + "  " + reason);
        });
        out.println();
    }

    private static Map<String, List<SpecResult.ReasonGroup>> byEngine(List<SpecResult.ReasonGroup> groups) {
        Map<String, List<SpecResult.ReasonGroup>> out = new LinkedHashMap<>();
        groups.forEach(g -> out.computeIfAbsent(g.engine(), k -> new ArrayList<>()).add(g));
        return out;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String lpad(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}

package io.ecliptica.harness.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finding commands on which engines behaved differently, and grouping them so a report can show
 * thousands of them in a few lines. Only comparable outcomes count (see {@link Outcome#comparable()}):
 * a harness skip, or a command whose module already failed on that engine, says nothing new.
 */
public final class Divergences {
    private Divergences() {
    }

    /**
     * One command on which the engines disagree.
     *
     * @param observed every engine's observed outcome, in engine order (non-comparable ones too)
     * @param pattern who agreed with whom, without values: see {@link #pattern(Map)}
     */
    public record Divergence(String file, int line, String kind, Map<String, String> observed, String pattern) {}

    /** Divergences with the same file and pattern. */
    public record Group(String file, String pattern, List<Divergence> items) {
        public int count() {
            return items.size();
        }
    }

    /** The divergence on one command, if any: {@code outcomes} in the order of {@code engines}. */
    public static Optional<Divergence> detect(String file, FileResult.Command command, List<String> engines,
            List<Outcome> outcomes) {
        Map<String, String> comparable = new LinkedHashMap<>();
        Map<String, String> all = new LinkedHashMap<>();
        for (int e = 0; e < engines.size(); e++) {
            Outcome o = outcomes.get(e);
            all.put(engines.get(e), o.observed());
            if (o.comparable()) {
                comparable.put(engines.get(e), o.observed());
            }
        }
        return pattern(comparable).map(p -> new Divergence(file, command.line(), command.kind(), all, p));
    }

    /**
     * The agreement pattern of the engines' observed outcomes (engine id to canonical string), or
     * empty if they all agree (or fewer than two engines are given). Engines are partitioned by
     * identical outcome, in order of first appearance; values are left out so that one pattern
     * covers many commands: {@code a,b=ok[A] | c=ok[B] (NaN bits differ)}, {@code a=rejected | b,c=instantiated}.
     */
    public static Optional<String> pattern(Map<String, String> observed) {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        observed.forEach((engine, outcome) -> parts.computeIfAbsent(outcome, k -> new ArrayList<>()).add(engine));
        if (parts.size() < 2) {
            return Optional.empty();
        }
        List<String> results = parts.keySet().stream().filter(Divergences::isResult).toList();
        StringBuilder sb = new StringBuilder();
        char label = 'A';
        for (Map.Entry<String, List<String>> part : parts.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(" | ");
            }
            sb.append(String.join(",", part.getValue())).append('=');
            String outcome = part.getKey();
            if (isResult(outcome)) {
                sb.append("ok");
                if (results.size() > 1) {
                    sb.append('[').append(label++).append(']');
                }
            } else {
                sb.append(outcome);
            }
        }
        if (results.size() > 1 && onlyNaNBitsDiffer(results)) {
            sb.append(" (NaN bits differ)");
        }
        return Optional.of(sb.toString());
    }

    /** Groups by file and pattern, keeping the order in which each group first occurred. */
    public static List<Group> group(List<Divergence> divergences) {
        Map<String, List<Divergence>> groups = new LinkedHashMap<>();
        for (Divergence d : divergences) {
            groups.computeIfAbsent(d.file() + '\u0000' + d.pattern(), k -> new ArrayList<>()).add(d);
        }
        return groups.values().stream().map(items -> new Group(items.get(0).file(), items.get(0).pattern(), items)).toList();
    }

    /** Counts by pattern alone (across files), in order of first occurrence. */
    public static Map<String, Long> countByPattern(List<Divergence> divergences) {
        Map<String, Long> counts = new LinkedHashMap<>();
        divergences.forEach(d -> counts.merge(d.pattern(), 1L, Long::sum));
        return counts;
    }

    private static boolean isResult(String observed) {
        return observed.equals("ok") || observed.startsWith("ok ");
    }

    /** Every position where the results differ holds a NaN in each of them. */
    static boolean onlyNaNBitsDiffer(List<String> results) {
        List<String[]> tokens = results.stream().map(r -> r.split(" ")).toList();
        int n = tokens.get(0).length;
        if (tokens.stream().anyMatch(t -> t.length != n)) {
            return false;
        }
        boolean differs = false;
        for (int i = 1; i < n; i++) {
            int index = i;
            if (tokens.stream().map(t -> t[index]).distinct().count() > 1) {
                differs = true;
                if (!tokens.stream().allMatch(t -> isNaN(t[index]))) {
                    return false;
                }
            }
        }
        return differs;
    }

    private static boolean isNaN(String value) {
        try {
            if (value.startsWith("f32:0x")) {
                return Float.isNaN(Float.intBitsToFloat((int) Long.parseLong(value.substring(6), 16)));
            }
            if (value.startsWith("f64:0x")) {
                return Double.isNaN(Double.longBitsToDouble(Long.parseUnsignedLong(value.substring(6), 16)));
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return false;
    }
}

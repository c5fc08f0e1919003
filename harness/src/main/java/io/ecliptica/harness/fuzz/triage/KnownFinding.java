package io.ecliptica.harness.fuzz.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a known-findings registry (docs/fuzzing.md, "Known findings"): an engine bug the
 * team knows and cannot fix yet, the signatures it shows up under, and where its reproducer is.
 *
 * @param reproducer as written in the registry (relative to the registry's folder)
 * @param reference  an issue, a document or a link; may be empty
 */
public record KnownFinding(String name, String reason, String reference, String reproducer, Match match) {

    /** Which signatures an entry covers. */
    public sealed interface Match {
        boolean matches(Signature s);
    }

    /** Exactly one signature, by its text form (as in {@code bug.json}'s {@code signature}). */
    public record Exact(String text) implements Match {
        @Override
        public boolean matches(Signature s) {
            return s.text().equals(text);
        }
    }

    /**
     * A family of signatures. {@code fields}, the outcome values and {@code hostCall} are globs
     * ({@code *} stands for any run of characters). The sides are matched as a partition of the
     * engines, restricted to the engines the signature names, so an entry written for four
     * engines also covers a campaign on a subset of them.
     *
     * @param fields   the signature's field must match one of them
     * @param sides    every engine of the signature must be named here, and two of its engines
     *                 share a side in the signature exactly when they share one here
     * @param outcomes per engine: when the signature names the engine, the outcome of its side
     *                 must match (a signature without outcomes then does not match)
     * @param hostCall empty: any first differing host call
     */
    public record Pattern(List<String> fields, List<List<String>> sides, Map<String, String> outcomes,
                          Optional<String> hostCall) implements Match {
        public Pattern {
            fields = List.copyOf(fields);
            sides = sides.stream().map(List::copyOf).toList();
            outcomes = Map.copyOf(outcomes);
        }

        @Override
        public boolean matches(Signature s) {
            return fields.stream().anyMatch(f -> glob(f, s.field()))
                    && samePartition(s.sides())
                    && outcomesMatch(s)
                    && hostCall.map(h -> glob(h, s.hostCall())).orElse(true);
        }

        private boolean samePartition(List<List<String>> actual) {
            List<String> engines = new ArrayList<>();
            actual.forEach(engines::addAll);
            for (String e : engines) {
                if (sideOf(sides, e) < 0) {
                    return false;
                }
            }
            for (String a : engines) {
                for (String b : engines) {
                    if ((sideOf(actual, a) == sideOf(actual, b)) != (sideOf(sides, a) == sideOf(sides, b))) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean outcomesMatch(Signature s) {
            for (Map.Entry<String, String> o : outcomes.entrySet()) {
                int side = sideOf(s.sides(), o.getKey());
                if (side < 0) {
                    continue;
                }
                if (side >= s.outcomes().size() || !glob(o.getValue(), s.outcomes().get(side))) {
                    return false;
                }
            }
            return true;
        }

        private static int sideOf(List<List<String>> sides, String engine) {
            for (int i = 0; i < sides.size(); i++) {
                if (sides.get(i).contains(engine)) {
                    return i;
                }
            }
            return -1;
        }
    }

    public boolean matches(Signature s) {
        return match.matches(s);
    }

    /** Whether {@code text} matches {@code pattern}, where {@code *} stands for any run of characters (also none). */
    static boolean glob(String pattern, String text) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) {
            return pattern.equals(text);
        }
        if (!text.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = text.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return text.length() - at >= last.length() && text.endsWith(last);
    }
}

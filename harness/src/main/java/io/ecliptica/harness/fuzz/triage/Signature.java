package io.ecliptica.harness.fuzz.triage;

import io.ecliptica.harness.state.Bytes;
import io.ecliptica.harness.state.StateRootScheme;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What makes two findings the same bug (docs/fuzzing.md, "Triage"): the field that differs first
 * (or {@code crash}, {@code hang}, {@code timeout}, {@code engine_error}), the engines on each side
 * (the reference side first), each side's status and trap class at that transaction, and the
 * first host call where the sides differ when known. Where in the case it happened, and the
 * values, are not part of it: they vary from case to case for one bug.
 */
public record Signature(String field, List<List<String>> sides, List<String> outcomes, String hostCall) {
    public Signature {
        sides = sides.stream().map(List::copyOf).toList();
        outcomes = List.copyOf(outcomes);
    }

    /** One line, e.g. {@code results: [chicory-interpreter] vs [bug-shl]; outcomes ok / ok}. */
    public String text() {
        String s = field + ": " + sides.stream().map(Object::toString).collect(Collectors.joining(" vs "));
        if (!outcomes.isEmpty()) {
            s += "; outcomes " + String.join(" / ", outcomes);
        }
        if (!hostCall.isEmpty()) {
            s += "; first differing host call " + hostCall;
        }
        return s;
    }

    /** A short stable id: the first 12 hex digits of SHA-256 of {@link #text()}; names the finding's directory. */
    public String id() {
        return StateRootScheme.sha256(Bytes.utf8(text())).toHex().substring(2, 14);
    }

    /** The engines of the reference side (the majority; on a tie, the side of the first engine). */
    public List<String> reference() {
        return sides.get(0);
    }
}

package io.ecliptica.harness.spec;

import java.util.Objects;

/**
 * What one command did on one engine.
 *
 * @param status pass, fail or skip, judged against the script's expectation
 * @param observed the engine's behaviour as a canonical string, comparable across engines:
 *        {@code ok i32:5 f32:0x7fc00000}, {@code trap integer_divide_by_zero}, {@code rejected},
 *        {@code link error}, {@code instantiated}, {@code timeout}, {@code engine failure};
 *        for outcomes that say nothing about the engine (harness skips, commands on a module that
 *        could not be set up) it starts with {@code skip} or {@code unavailable}
 * @param comparable whether {@code observed} takes part in divergence detection: false when the
 *        harness did not run the command (a skip) or could not (its module failed earlier: that
 *        divergence is recorded once, at the module)
 * @param reason for a failure or skip, its category without values (for grouping); empty on pass
 * @param detail the specifics: expected vs actual values, the engine's message; may be empty
 */
public record Outcome(Status status, String observed, boolean comparable, String reason, String detail) {

    public enum Status { PASS, FAIL, SKIP }

    public Outcome {
        Objects.requireNonNull(status);
        Objects.requireNonNull(observed);
        Objects.requireNonNull(reason);
        detail = detail == null ? "" : detail;
    }

    public static Outcome pass(String observed) {
        return new Outcome(Status.PASS, observed, true, "", "");
    }

    public static Outcome fail(String observed, String reason, String detail) {
        return new Outcome(Status.FAIL, observed, true, reason, detail);
    }

    /** The harness did not run the command (nothing it could say about the engine). */
    public static Outcome skip(String reason) {
        return new Outcome(Status.SKIP, "skip " + reason, false, reason, "");
    }

    /** The command needs a module that failed to load on this engine: a failure, but not a new divergence. */
    public static Outcome unavailable(String why) {
        return new Outcome(Status.FAIL, "unavailable", false, "module unavailable (its definition failed on this engine)", why);
    }

    public boolean passed() {
        return status == Status.PASS;
    }
}

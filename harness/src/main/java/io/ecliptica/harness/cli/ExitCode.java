package io.ecliptica.harness.cli;

import io.ecliptica.harness.replay.ReplayOutcome;

/**
 * The harness's exit codes (README, "Exit codes"). Stable: CI jobs depend on them. When several
 * apply, the most severe wins: bad input, then internal error, then divergence.
 */
public final class ExitCode {
    /** Every engine agrees and matches every expectation. */
    public static final int OK = 0;
    /** Engines diverge from each other, or agree but differ from the vector. */
    public static final int DIFFERENCE = 1;
    /** Bad input or usage: malformed wasm, WAT or JSON, unknown option or engine. */
    public static final int BAD_INPUT = 2;
    /** Internal error, engine crash or hang, or an engine that cannot start. */
    public static final int INTERNAL = 3;

    private ExitCode() {
    }

    /** A replay's or a recording's exit code: agreement 0, an engine without a result 3, else 1. */
    static int of(ReplayOutcome outcome) {
        return switch (outcome) {
            case ReplayOutcome.Agreed a -> OK;
            case ReplayOutcome.EngineFailed f -> INTERNAL;
            default -> DIFFERENCE;
        };
    }

    public static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case BAD_INPUT -> 3;
            case INTERNAL -> 2;
            case DIFFERENCE -> 1;
            default -> 0;
        };
    }
}

package io.ecliptica.acceptance;

import java.time.Duration;
import java.util.List;

/**
 * One harness invocation and what it printed; {@link #describe()} goes into every assertion message.
 * {@code stdout} and {@code stderr} are the CLI's own streams; {@code jvmStderr} is whatever else
 * reached {@code System.err} meanwhile (engine libraries, a stray {@code printStackTrace()}).
 */
record CliRun(String command, int exitCode, String stdout, String stderr, String jvmStderr, Duration took) {

    List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** The lines of stderr that are not blank. */
    List<String> stderrLines() {
        return stderr.lines().filter(l -> !l.isBlank()).toList();
    }

    String describe() {
        return "\n$ " + command + "\nexit code: " + exitCode + " (after " + took.toMillis() + " ms)"
                + "\n--- stdout ---\n" + abbreviate(stdout) + "\n--- stderr ---\n" + abbreviate(stderr)
                + (jvmStderr.isBlank() ? "" : "\n--- other output on System.err meanwhile ---\n" + abbreviate(jvmStderr))
                + "\n--------------\n";
    }

    private static String abbreviate(String s) {
        int max = 20_000;
        return s.length() <= max ? s : s.substring(0, max) + "\n… (" + (s.length() - max) + " more characters)";
    }
}

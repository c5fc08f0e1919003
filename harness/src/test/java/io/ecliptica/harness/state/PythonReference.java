package io.ecliptica.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs docs/reference/state_root.py; skips the calling test when there is no python3. */
final class PythonReference {

    private PythonReference() {}

    static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolve("docs/reference/state_root.py");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/reference/state_root.py not found above " + dir);
    }

    static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the script with {@code args}, feeding {@code stdin} (may be null); returns its standard output. */
    static String run(List<String> args, String stdin) throws Exception {
        Path script = script();
        Assumptions.assumeTrue(pythonAvailable(), "python3 is not installed; reference cross-check skipped");
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "state_root.py did not finish within 120 s");
        String stderr = new String(err.get(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "state_root.py failed: " + stderr);
        return new String(out.get(), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(java.io.InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

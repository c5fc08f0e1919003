package io.ecliptica.harness.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent reference {@code docs/reference/privacy.mjs} (Node with the @noble packages
 * of {@code docs/reference/package-lock.json}); aborts the calling test, as skipped, when node or
 * {@code docs/reference/node_modules} is missing ({@code cd docs/reference && npm ci} installs them).
 */
final class NodeReference {

    private NodeReference() {}

    static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/reference/privacy.mjs"))) {
                return p.resolve("docs");
            }
        }
        throw new AssertionError("docs/reference/privacy.mjs not found above " + dir);
    }

    static boolean available() {
        if (!Files.isDirectory(docs().resolve("reference/node_modules/@noble/post-quantum"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Aborts the calling test, as skipped, if the reference cannot run here. */
    static void assumeAvailable() {
        Assumptions.assumeTrue(available(),
                "node or docs/reference/node_modules is missing (cd docs/reference && npm ci); reference cross-check skipped");
    }

    /** Runs the script with {@code args}, feeding {@code stdin} (may be null); returns its standard output. */
    static String run(List<String> args, String stdin) throws Exception {
        assumeAvailable();
        List<String> command = new ArrayList<>(List.of("node", docs().resolve("reference/privacy.mjs").toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "privacy.mjs did not finish within 300 s");
        assertEquals(0, process.exitValue(), "privacy.mjs failed: " + new String(err.get(), StandardCharsets.UTF_8));
        return new String(out.get(), StandardCharsets.UTF_8);
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

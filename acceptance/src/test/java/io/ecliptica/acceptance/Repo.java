package io.ecliptica.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where things are in the repository, found from the test's working directory. */
final class Repo {
    private static final Path ROOT = findRoot();

    private Repo() {
    }

    /**
     * The repository root: the system property {@code ecliptica.repo} if set, otherwise the first
     * directory at or above the working directory (Surefire: the module directory) that holds both
     * {@code features/} and {@code vectors/}.
     */
    private static Path findRoot() {
        String configured = System.getProperty("ecliptica.repo");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("features")) && Files.isDirectory(p.resolve("vectors"))) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("cannot find the repository root (a directory with features/ and vectors/) "
                + "at or above " + Path.of("").toAbsolutePath() + "; set -Decliptica.repo=...");
    }

    static Path root() {
        return ROOT;
    }

    static Path vectors() {
        return ROOT.resolve("vectors");
    }

    static Path fillers() {
        return vectors().resolve("fillers");
    }

    static Path fixtures() {
        return vectors().resolve("fixtures");
    }

    static Path contract(String name) {
        return vectors().resolve("contracts").resolve(name).resolve(name + ".wasm");
    }

    static Path launcher() {
        return ROOT.resolve("bin").resolve("harness");
    }

    /** The {@code *.json} files directly in {@code dir}, sorted by name. */
    static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

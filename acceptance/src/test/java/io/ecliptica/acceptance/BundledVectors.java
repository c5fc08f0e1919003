package io.ecliptica.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bundled, filled vectors: {@code vectors/fixtures} when the repository has it; otherwise
 * (before the fixtures are committed) the bundled fillers filled once per run into a temporary
 * folder with {@code harness fill --out}, which is the same code path that produces the fixtures.
 */
final class BundledVectors {
    private static Path dir;
    private static Path filledHere;

    private BundledVectors() {
    }

    static synchronized Path dir() {
        if (dir != null) {
            return dir;
        }
        if (Files.isDirectory(Repo.fixtures()) && !Repo.jsonFiles(Repo.fixtures()).isEmpty()) {
            dir = Repo.fixtures();
            return dir;
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("ecliptica-fixtures-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CliRun fill = Harness.run(List.of("fill", "--out", tmp.toString(), Repo.fillers().toString()));
        assertEquals(0, fill.exitCode(), "vectors/fixtures does not exist yet, and filling the bundled fillers into "
                + tmp + " failed" + fill.describe());
        assertFalse(Repo.jsonFiles(tmp).isEmpty(), "fill wrote no fixtures into " + tmp + fill.describe());
        filledHere = tmp;
        dir = tmp;
        return dir;
    }

    /** Where the bundled vectors come from, for messages. */
    static String origin() {
        Path d = dir();
        return d.equals(Repo.fixtures()) ? "vectors/fixtures"
                : "vectors/fillers, filled into " + d + " (vectors/fixtures does not exist yet)";
    }

    static boolean inRepository() {
        return dir().equals(Repo.fixtures());
    }

    static List<Path> files() {
        return Repo.jsonFiles(dir());
    }

    static Path file(String name) {
        Path f = dir().resolve(name);
        assertTrue(Files.isRegularFile(f), "no bundled vector " + name + " in " + origin());
        return f;
    }

    static synchronized void cleanUp() {
        if (filledHere != null) {
            Repo.deleteTree(filledHere);
            filledHere = null;
            dir = null;
        }
    }
}

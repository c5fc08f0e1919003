package io.ecliptica.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands command-line paths into vector files: files as given, directories searched for *.json. */
final class VectorFiles {
    private VectorFiles() {
    }

    /** @throws IllegalArgumentException naming a path that does not exist */
    static List<Path> collect(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    // Sorted by path text so runs and reports list vectors in the same order everywhere.
                    s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
                            .filter(f -> !inToolingDirectory(p, f))
                            .sorted((a, b) -> a.toString().compareTo(b.toString()))
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IllegalArgumentException(p + ": no such file or directory");
            }
        }
        return out;
    }

    /** node_modules and hidden directories hold tool files (package.json...), never vectors. */
    private static boolean inToolingDirectory(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            String name = part.toString();
            if (name.equals("node_modules") || (name.startsWith(".") && name.length() > 1)) {
                return true;
            }
        }
        return false;
    }

    /** The path as the user will recognise it: relative to the working directory when inside it. */
    static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return (abs.startsWith(cwd) ? cwd.relativize(abs) : abs).toString().replace('\\', '/');
    }
}

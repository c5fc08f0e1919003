package io.ecliptica.harness.spec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A script to run.
 *
 * @param path where it is read from
 * @param name how reports name it (e.g. {@code i32.wast}, relative to the directory given)
 */
public record SpecFile(Path path, String name) {
    public SpecFile {
        Objects.requireNonNull(path);
        Objects.requireNonNull(name);
    }
}

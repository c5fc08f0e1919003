package io.ecliptica.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A module carried by a {@code .wast} command, as wast2json wrote it: usually binary; modules
 * given as quoted text that wast2json leaves as text ({@code (module quote ...)} in {@code
 * assert_malformed}) have kind {@link Kind#TEXT}, and a runner should skip those (they are
 * malformed on purpose, so no binary exists).
 *
 * @param kind binary or text
 * @param fileName the name wast2json gave the module file, e.g. {@code i32.0.wasm} (for reports)
 * @param bytes the binary module, or the UTF-8 module text for {@link Kind#TEXT}; do not modify
 */
public record WastModule(Kind kind, String fileName, byte[] bytes) {
    public enum Kind {
        BINARY,
        TEXT
    }

    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** The module text of a {@link Kind#TEXT} module. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WastModule m && m.kind == kind && m.fileName.equals(fileName)
                && Arrays.equals(m.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + fileName.hashCode()) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WastModule[" + kind + " " + fileName + ", " + bytes.length + " bytes]";
    }
}

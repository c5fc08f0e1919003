package io.ecliptica.harness.vector;

import io.ecliptica.text.TextToolException;
import io.ecliptica.text.Wat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** WebAssembly text to binary, through the pure-Java wabt of module {@code text}. */
final class TextModules {
    private TextModules() {
    }

    static byte[] compile(byte[] text, Path file) throws ModuleFiles.ModuleFileException {
        try {
            return Wat.toWasm(new String(text, StandardCharsets.UTF_8), file.toString());
        } catch (TextToolException e) {
            // Already one line, naming the file and line:column (see WatSyntaxException).
            throw new ModuleFiles.ModuleFileException(e.getMessage());
        }
    }
}

package io.ecliptica.harness.vector;

import java.nio.file.Path;

/** WebAssembly text to binary. */
final class TextModules {
    private TextModules() {
    }

    static byte[] compile(byte[] text, Path file) throws ModuleFiles.ModuleFileException {
        throw new ModuleFiles.ModuleFileException(file + ": WebAssembly text is not supported yet");
    }
}

package io.ecliptica.harness.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Loads a module file: a {@code .wasm} binary, or WebAssembly text ({@code .wat}) compiled to one. */
public final class ModuleFiles {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private ModuleFiles() {
    }

    /** A module file that cannot be used; the message is one line naming the file. */
    public static final class ModuleFileException extends Exception {
        public ModuleFileException(String message) {
            super(message, null, false, false);
        }
    }

    public static byte[] load(Path file) throws ModuleFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModuleFileException(file + ": no such file");
        } catch (IOException e) {
            throw new ModuleFileException(file + ": cannot read: " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new ModuleFileException(file + ": empty file, not a WebAssembly module");
        }
        if (bytes.length >= 4 && Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            return bytes;
        }
        String name = file.getFileName().toString();
        if (name.endsWith(".wat") || name.endsWith(".wast")) {
            return TextModules.compile(bytes, file);
        }
        throw new ModuleFileException(file + ": not a WebAssembly module (no \\0asm magic at offset 0)"
                + (name.endsWith(".wasm") ? "" : " and not a .wat text file"));
    }
}

package io.ecliptica.harness.cli;

import io.ecliptica.harness.state.Bytes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reading a key from {@code --key} or {@code --key-file} (shared by decrypt and disclose); errors never echo key text. */
final class KeyInput {
    private KeyInput() {
    }

    static Optional<String> read(String keyText, String keyFile, String command, PrintStream err) {
        if ((keyText == null) == (keyFile == null)) {
            err.println("harness " + command + ": give the key with exactly one of --key or --key-file");
            return Optional.empty();
        }
        if (keyText != null) {
            return Optional.of(keyText);
        }
        try {
            byte[] bytes = keyFile.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(keyFile));
            return Optional.of(new String(bytes, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            err.println("harness " + command + ": cannot read the key file " + keyFile);
            return Optional.empty();
        }
    }

    /** 0x-prefixed hex of {@code length} bytes (any length if negative). */
    static Bytes hex(String text, int length, String what) {
        if (!text.matches("0x([0-9a-fA-F]{2})*")) {
            throw new IllegalArgumentException(what + ": expected 0x-prefixed hex bytes");
        }
        Bytes b = Bytes.fromHex(text);
        if (length >= 0 && b.length() != length) {
            throw new IllegalArgumentException(what + ": expected " + length + " bytes, found " + b.length());
        }
        return b;
    }
}

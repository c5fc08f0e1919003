package io.ecliptica.text;

import io.ecliptica.text.internal.WabtTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WebAssembly text format ({@code .wat}) to binary, in pure Java: wabt's {@code wat2wasm}
 * compiled to JVM bytecode, run in memory. Thread-safe; the tool is loaded lazily on the first
 * call (or by {@link #warmUp()}).
 */
public final class Wat {
    private Wat() {}

    /**
     * Converts a module in the text format to the binary format; the module is also validated
     * (as {@code wat2wasm} does by default).
     *
     * @param watText the module text
     * @param fileName name used in error messages (e.g. {@code counter.wat}); may be a path
     * @return the binary module
     * @throws WatSyntaxException the text is malformed or the module is invalid; the message is
     *     one line, {@code FILE:LINE:COLUMN: DETAIL}
     * @throws TextToolException the tool failed for another reason
     */
    public static byte[] toWasm(String watText, String fileName) {
        return toWasm(watText, fileName, List.of());
    }

    /**
     * As {@link #toWasm(String, String)}, with extra wat2wasm flags: feature switches such as
     * {@code --enable-tail-call} / {@code --disable-simd}, {@code --no-check} (skip validation),
     * {@code --debug-names}, {@code --no-canonicalize-leb128s}, {@code --relocatable}.
     */
    public static byte[] toWasm(String watText, String fileName, List<String> flags) {
        return convert(watText.getBytes(StandardCharsets.UTF_8), fileName, flags);
    }

    private static byte[] convert(byte[] watUtf8, String fileName, List<String> flags) {
        String display = fileName == null || fileName.isBlank() ? "input.wat" : fileName;
        String name = WabtDiagnostics.safeName(display, "input.wat");
        List<String> args = new ArrayList<>();
        for (String f : flags) {
            if (!(f.startsWith("--enable-") || f.startsWith("--disable-") || f.equals("--no-check")
                    || f.equals("--debug-names") || f.equals("--no-canonicalize-leb128s")
                    || f.equals("--relocatable"))) {
                throw new IllegalArgumentException("unsupported wat2wasm flag: " + f);
            }
            args.add(f);
        }
        args.add(WabtTool.IN + "/" + name);
        args.add("--output=-");
        WabtTool.Run run = WabtTool.WAT2WASM.run(
                Map.of(name, watUtf8), args);
        if (run.exitCode() != 0) {
            throw WabtDiagnostics.failure("wat2wasm", run, display);
        }
        byte[] wasm = run.stdout();
        if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') {
            throw new TextToolException(display + ": wat2wasm produced no module");
        }
        return wasm;
    }

    /** Converts the file (UTF-8 text); error messages name the file as given. */
    public static byte[] toWasm(Path file) {
        try {
            return convert(Files.readAllBytes(file), file.toString(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads wat2wasm now, so that the first conversion is not the slow one. */
    public static void warmUp() {
        WabtTool.WAT2WASM.load();
    }
}

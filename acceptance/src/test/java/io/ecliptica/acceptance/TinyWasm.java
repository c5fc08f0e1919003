package io.ecliptica.acceptance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Hand-assembles small WebAssembly binaries, so the tests need no WAT tool at run time. Only what
 * the scenarios use: function types (deduplicated, in first-use order), exported functions without
 * locals, no imports, no memory. For the same functions it gives the same bytes as {@code wat2wasm}.
 */
final class TinyWasm {
    static final byte I32 = 0x7f;
    static final byte LOCAL_GET = 0x20;
    static final byte I32_ADD = 0x6a;
    static final byte I32_SUB = 0x6b;
    static final byte I32_MUL = 0x6c;
    static final byte I32_DIV_S = 0x6d;
    static final byte END = 0x0b;

    private record Func(String export, byte[] params, byte[] results, byte[] body) {
    }

    private final List<Func> funcs = new ArrayList<>();

    /** Adds an exported function with no locals; {@code body} is the instructions without the final {@code end}. */
    TinyWasm function(String export, byte[] params, byte[] results, byte... body) {
        funcs.add(new Func(export, params, results, body));
        return this;
    }

    /** {@code (param i32 i32) (result i32)}: {@code local.get 0, local.get 1, op}. */
    TinyWasm binaryI32(String export, byte op) {
        return function(export, new byte[] {I32, I32}, new byte[] {I32}, LOCAL_GET, (byte) 0, LOCAL_GET, (byte) 1, op);
    }

    /** The arithmetic module of run.feature: add, sub, mul and div_s over (i32, i32) -> i32. */
    static byte[] arithmetic() {
        return new TinyWasm().binaryI32("add", I32_ADD).binaryI32("sub", I32_SUB).binaryI32("mul", I32_MUL)
                .binaryI32("div_s", I32_DIV_S).bytes();
    }

    byte[] bytes() {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});

        List<String> signatures = new ArrayList<>();
        ByteArrayOutputStream types = new ByteArrayOutputStream();
        ByteArrayOutputStream typeEntries = new ByteArrayOutputStream();
        ByteArrayOutputStream functions = new ByteArrayOutputStream();
        uleb(functions, funcs.size());
        for (Func f : funcs) {
            String sig = HexFormat.of().formatHex(f.params) + "->" + HexFormat.of().formatHex(f.results);
            int index = signatures.indexOf(sig);
            if (index < 0) {
                index = signatures.size();
                signatures.add(sig);
                typeEntries.write(0x60);
                uleb(typeEntries, f.params.length);
                typeEntries.writeBytes(f.params);
                uleb(typeEntries, f.results.length);
                typeEntries.writeBytes(f.results);
            }
            uleb(functions, index);
        }
        uleb(types, signatures.size());
        types.writeBytes(typeEntries.toByteArray());
        section(m, 1, types);
        section(m, 3, functions);

        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        uleb(exports, funcs.size());
        for (int i = 0; i < funcs.size(); i++) {
            byte[] name = funcs.get(i).export.getBytes(StandardCharsets.UTF_8);
            uleb(exports, name.length);
            exports.writeBytes(name);
            exports.write(0x00); // export kind: function
            uleb(exports, i);
        }
        section(m, 7, exports);

        ByteArrayOutputStream code = new ByteArrayOutputStream();
        uleb(code, funcs.size());
        for (Func f : funcs) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            uleb(body, 0); // no local declarations
            body.writeBytes(f.body);
            body.write(END);
            uleb(code, body.size());
            code.writeBytes(body.toByteArray());
        }
        section(m, 10, code);
        return m.toByteArray();
    }

    private static void section(ByteArrayOutputStream m, int id, ByteArrayOutputStream content) {
        m.write(id);
        uleb(m, content.size());
        m.writeBytes(content.toByteArray());
    }

    private static void uleb(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}

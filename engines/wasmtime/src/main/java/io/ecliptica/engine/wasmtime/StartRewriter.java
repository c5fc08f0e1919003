package io.ecliptica.engine.wasmtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites a validated module so that its start function is an export instead: the start section
 * is dropped and the export section gains {@code name → start function}. The adapter then calls
 * that export right after {@code new Instance}, which is what instantiation does anyway (segments
 * first, then start), but through {@code Func.call}, the one binding path that reports wasmtime's
 * trap code. Only the export and start sections change; every other section is copied byte for byte.
 */
final class StartRewriter {

    private static final int EXPORT_SECTION = 7;
    private static final int START_SECTION = 8;

    private StartRewriter() {
    }

    static byte[] rewrite(byte[] wasm, int startFunction, String exportName) {
        byte[] entry = exportEntry(exportName, startFunction);
        ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + entry.length + 8);
        out.write(wasm, 0, 8); // magic, version
        boolean exportWritten = false;
        WasmReader r = new WasmReader(wasm, 8, wasm.length);
        while (!r.atEnd()) {
            int sectionStart = r.position();
            int id = r.u8();
            int size = r.index();
            int contentStart = r.position();
            int end = contentStart + size;
            if (id == EXPORT_SECTION) {
                WasmReader s = new WasmReader(wasm, contentStart, end);
                long count = s.u32();
                ByteArrayOutputStream content = new ByteArrayOutputStream(size + entry.length + 5);
                writeU32(content, count + 1);
                content.write(wasm, s.position(), end - s.position());
                content.writeBytes(entry);
                writeSection(out, EXPORT_SECTION, content.toByteArray());
                exportWritten = true;
            } else if (id == START_SECTION) {
                if (!exportWritten) {
                    // No export section: one goes where the start section was (sections 7 and 8 are
                    // adjacent in the required order; only custom sections may sit between them).
                    ByteArrayOutputStream content = new ByteArrayOutputStream(entry.length + 1);
                    writeU32(content, 1);
                    content.writeBytes(entry);
                    writeSection(out, EXPORT_SECTION, content.toByteArray());
                    exportWritten = true;
                }
            } else {
                out.write(wasm, sectionStart, end - sectionStart);
            }
            r.seek(end);
        }
        return out.toByteArray();
    }

    private static byte[] exportEntry(String name, int function) {
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        writeU32(entry, utf8.length);
        entry.writeBytes(utf8);
        entry.write(ModuleInfo.KIND_FUNC);
        writeU32(entry, function);
        return entry.toByteArray();
    }

    private static void writeSection(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        writeU32(out, content.length);
        out.writeBytes(content);
    }

    static void writeU32(ByteArrayOutputStream out, long value) {
        long v = value;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v == 0 ? b : b | 0x80);
        } while (v != 0);
    }
}

package io.ecliptica.harness.result;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The receipt encoding of a {@link CallResult} (docs/state-root.md, "Receipts"): the bytes a
 * block's receipts root commits to. Big-endian integers, u32-length-prefixed byte strings.
 */
public final class Receipt {
    public static final int VERSION = 2;

    private Receipt() {
    }

    public static byte[] encode(CallResult r) {
        Writer w = new Writer();
        w.u8(VERSION);
        w.u8(r.status().code());
        w.bytes(r.errorClass().getBytes(StandardCharsets.US_ASCII));
        w.bytes(r.output());
        w.u32(r.results().size());
        for (WasmValue v : r.results()) {
            w.u8(typeCode(v));
            w.u64(v.bits());
        }
        w.u32(r.events().size());
        for (Event e : r.events()) {
            w.bytes(e.emitter());
            w.bytes(e.topic());
            w.bytes(e.data());
        }
        w.u32(r.writes().size());
        for (StorageWrite sw : r.writes()) {
            w.bytes(sw.address());
            w.bytes(sw.key());
            w.u8(sw.isDeletion() ? 0 : 1);
            sw.value().ifPresent(w::bytes);
        }
        w.u64(r.gasUsed());
        w.raw(r.stateRoot().toByteArray());
        return w.toByteArray();
    }

    /** WebAssembly binary type codes, so the encoding needs no table of its own. */
    private static int typeCode(WasmValue v) {
        return switch (v.type()) {
            case I32 -> 0x7f;
            case I64 -> 0x7e;
            case F32 -> 0x7d;
            case F64 -> 0x7c;
        };
    }

    private static final class Writer extends ByteArrayOutputStream {
        void u8(int v) {
            write(v & 0xff);
        }

        void u32(int v) {
            u8(v >>> 24);
            u8(v >>> 16);
            u8(v >>> 8);
            u8(v);
        }

        void u64(long v) {
            u32((int) (v >>> 32));
            u32((int) v);
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }

        void bytes(byte[] b) {
            u32(b.length);
            raw(b);
        }

        void bytes(Bytes b) {
            bytes(b.toByteArray());
        }
    }
}

package io.ecliptica.engine.wasmtime;

import java.nio.charset.StandardCharsets;

/** A cursor over a WebAssembly binary: LEB128 integers, names, raw bytes. */
final class WasmReader {

    private final byte[] bytes;
    private int pos;
    private final int end;

    WasmReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    int u8() {
        if (pos >= end) {
            throw new IllegalStateException("unexpected end of module bytes at offset " + pos);
        }
        return bytes[pos++] & 0xFF;
    }

    /** An unsigned LEB128 u32, returned as a non-negative long. */
    long u32() {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result & 0xFFFF_FFFFL;
            }
        }
        throw new IllegalStateException("u32 LEB128 too long at offset " + pos);
    }

    /** A u32 used as a count or an index: always small in a module wasmtime accepted. */
    int index() {
        return Math.toIntExact(u32());
    }

    /** A signed LEB128 of up to {@code bits} bits (s32, s33, s64). */
    long signed(int bits) {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < bits + 7);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    void skip(int n) {
        pos += n;
    }

    String name() {
        int len = index();
        String s = new String(bytes, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }
}

package io.ecliptica.engine.wasmtime;

/**
 * Walks a function body instruction by instruction (WebAssembly 2.0 without SIMD) to find the
 * instructions that can raise a table trap. Skipping immediates correctly is the whole point: a
 * byte search would match constants such as {@code i32.const 1660} (encoded {@code 41 FC 0C}).
 */
final class CodeScanner {

    /** Told about each {@code call_indirect} (true) and {@code table.init}/{@code table.copy} (false). */
    interface TableInstructionListener {
        void found(boolean isCallIndirect);
    }

    private CodeScanner() {
    }

    /** Scans up to {@code end}; returns false if it met an opcode it does not know. */
    static boolean scan(WasmReader r, int end, TableInstructionListener listener) {
        while (r.position() < end) {
            int op = r.u8();
            if (!skipImmediates(r, op, listener)) {
                return false;
            }
        }
        return true;
    }

    private static boolean skipImmediates(WasmReader r, int op, TableInstructionListener listener) {
        switch (op) {
            case 0x02, 0x03, 0x04 -> blockType(r);
            case 0x0C, 0x0D, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xD2 -> r.u32();
            case 0x0E -> {
                long targets = r.u32();
                for (long i = 0; i <= targets; i++) {
                    r.u32();
                }
            }
            case 0x11 -> {
                r.u32(); // type index
                r.u32(); // table index
                listener.found(true);
            }
            case 0x1C -> r.skip(r.index()); // select with value types, one byte each
            case 0x3F, 0x40, 0xD0 -> r.u8();
            case 0x41 -> r.signed(32);
            case 0x42 -> r.signed(64);
            case 0x43 -> r.skip(4);
            case 0x44 -> r.skip(8);
            case 0xFC -> {
                return prefixed(r, listener);
            }
            default -> {
                boolean plain = op <= 0x01 || op == 0x05 || op == 0x0B || op == 0x0F || op == 0x1A || op == 0x1B
                        || op == 0xD1 || (op >= 0x45 && op <= 0xC4);
                boolean memory = op >= 0x28 && op <= 0x3E;
                if (memory) {
                    r.u32(); // alignment
                    r.u32(); // offset
                } else if (!plain) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean prefixed(WasmReader r, TableInstructionListener listener) {
        long sub = r.u32();
        if (sub <= 7) {
            return true; // saturating truncations
        }
        switch ((int) sub) {
            case 8 -> { // memory.init data, memory
                r.u32();
                r.u8();
            }
            case 9, 13, 15, 16, 17 -> r.u32(); // data.drop, elem.drop, table.grow/size/fill
            case 10 -> { // memory.copy
                r.u8();
                r.u8();
            }
            case 11 -> r.u8(); // memory.fill
            case 12, 14 -> { // table.init elem, table / table.copy dst, src
                r.u32();
                r.u32();
                listener.found(false);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Empty (0x40), a single value type, or a type index as a signed 33-bit LEB. */
    private static void blockType(WasmReader r) {
        int pos = r.position();
        int b = r.u8();
        if (b == 0x40 || (b >= 0x7B && b <= 0x7F) || b == 0x70 || b == 0x6F) {
            return;
        }
        r.seek(pos);
        r.signed(33);
    }
}

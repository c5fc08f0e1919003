package io.ecliptica.harness.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the offsets of given one-byte opcodes in a module's function bodies, walking each body
 * instruction by instruction (so an immediate byte that happens to equal the opcode is never
 * taken for it). Covers the instructions the ecliptica-v1 gate admits: WebAssembly 1.0, sign
 * extension, saturating truncation and bulk memory.
 */
final class CodeSection {
    private final byte[] in;
    private int pos;

    private CodeSection(byte[] in) {
        this.in = in;
    }

    static List<Integer> opcodeOffsets(byte[] wasm, int opcode) {
        return new CodeSection(wasm).find(opcode);
    }

    /** A copy of the module with every {@code from} opcode in code replaced by the one-byte {@code to}. */
    static byte[] replaceOpcode(byte[] wasm, int from, int to) {
        byte[] out = wasm.clone();
        for (int at : opcodeOffsets(wasm, from)) {
            out[at] = (byte) to;
        }
        return out;
    }

    private List<Integer> find(int opcode) {
        List<Integer> hits = new ArrayList<>();
        pos = 8;
        while (pos < in.length) {
            int id = in[pos++] & 0xff;
            int size = (int) u32();
            int end = pos + size;
            if (id == 10) {
                for (long n = u32(); n > 0; n--) {
                    int bodySize = (int) u32();
                    int bodyEnd = pos + bodySize;
                    for (long groups = u32(); groups > 0; groups--) {
                        u32();
                        pos++;
                    }
                    while (pos < bodyEnd) {
                        int at = pos;
                        int op = in[pos++] & 0xff;
                        if (op == opcode) {
                            hits.add(at);
                        }
                        immediates(op);
                    }
                }
            }
            pos = end;
        }
        return hits;
    }

    private void immediates(int op) {
        switch (op) {
            case 0x02, 0x03, 0x04 -> {
                int b = in[pos] & 0xff;
                if (b == 0x40 || (b >= 0x7b && b <= 0x7f) || b == 0x70 || b == 0x6f) {
                    pos++;
                } else {
                    s64();
                }
            }
            case 0x0c, 0x0d, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xd2 -> u32();
            case 0x0e -> {
                for (long n = u32(); n > 0; n--) {
                    u32();
                }
                u32();
            }
            case 0x11 -> {
                u32();
                u32();
            }
            case 0x1c -> {
                for (long n = u32(); n > 0; n--) {
                    pos++;
                }
            }
            case 0x3f, 0x40, 0xd0 -> pos++;
            case 0x41, 0x42 -> s64();
            case 0x43 -> pos += 4;
            case 0x44 -> pos += 8;
            case 0xfc -> {
                long sub = u32();
                switch ((int) sub) {
                    case 8 -> {
                        u32();
                        pos++;
                    }
                    case 9, 13, 15, 16, 17 -> u32();
                    case 10 -> pos += 2;
                    case 11 -> pos++;
                    case 12, 14 -> {
                        u32();
                        u32();
                    }
                    default -> { }
                }
            }
            default -> {
                if (op >= 0x28 && op <= 0x3e) {
                    u32();
                    u32();
                }
            }
        }
    }

    private long u32() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = in[pos++] & 0xff;
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    private void s64() {
        while ((in[pos++] & 0x80) != 0) {
            // skip continuation bytes
        }
    }
}

package io.ecliptica.instrument;

import io.ecliptica.instrument.WasmModule.Code;
import io.ecliptica.instrument.WasmModule.Custom;
import io.ecliptica.instrument.WasmModule.Data;
import io.ecliptica.instrument.WasmModule.Elem;
import io.ecliptica.instrument.WasmModule.ElemItem;
import io.ecliptica.instrument.WasmModule.Export;
import io.ecliptica.instrument.WasmModule.FuncType;
import io.ecliptica.instrument.WasmModule.Global;
import io.ecliptica.instrument.WasmModule.GlobalType;
import io.ecliptica.instrument.WasmModule.Import;
import io.ecliptica.instrument.WasmModule.Limits;
import io.ecliptica.instrument.WasmModule.LocalGroup;
import io.ecliptica.instrument.WasmModule.Memory;
import io.ecliptica.instrument.WasmModule.Table;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes a {@link WasmModule} deterministically: sections in the standard order, custom sections
 * where they were (after the same non-custom section), empty non-custom sections left out, every
 * LEB128 in its shortest form.
 */
final class Encoder {

    private Encoder() {}

    static byte[] encode(WasmModule m) {
        Out out = new Out();
        out.raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        customs(out, m, 0);
        for (int r = 1; r <= WasmModule.ORDER.length; r++) {
            int id = WasmModule.ORDER[r - 1];
            Out s = new Out();
            boolean present = switch (id) {
                case WasmModule.TYPE -> {
                    s.vec(m.types.size());
                    for (FuncType t : m.types) {
                        s.u8(0x60);
                        s.vec(t.params().size());
                        t.params().forEach(v -> s.u8(v.code));
                        s.vec(t.results().size());
                        t.results().forEach(v -> s.u8(v.code));
                    }
                    yield !m.types.isEmpty();
                }
                case WasmModule.IMPORT -> {
                    s.vec(m.imports.size());
                    for (Import i : m.imports) {
                        s.name(i.module());
                        s.name(i.name());
                        s.u8(i.desc().kind());
                        switch (i.desc().kind()) {
                            case WasmModule.K_FUNC -> s.u32(i.desc().typeIndex());
                            case WasmModule.K_TABLE -> {
                                s.u8(0x70);
                                limits(s, i.desc().limits());
                            }
                            case WasmModule.K_MEMORY -> limits(s, i.desc().limits());
                            default -> globalType(s, i.desc().global());
                        }
                    }
                    yield !m.imports.isEmpty();
                }
                case WasmModule.FUNCTION -> {
                    s.vec(m.functions.size());
                    m.functions.forEach(s::u32);
                    yield !m.functions.isEmpty();
                }
                case WasmModule.TABLE -> {
                    s.vec(m.tables.size());
                    for (Table t : m.tables) {
                        s.u8(0x70);
                        limits(s, t.limits());
                    }
                    yield !m.tables.isEmpty();
                }
                case WasmModule.MEMORY -> {
                    s.vec(m.memories.size());
                    for (Memory mem : m.memories) {
                        limits(s, mem.limits());
                    }
                    yield !m.memories.isEmpty();
                }
                case WasmModule.GLOBAL -> {
                    s.vec(m.globals.size());
                    for (Global g : m.globals) {
                        globalType(s, g.type());
                        expr(s, g.init());
                    }
                    yield !m.globals.isEmpty();
                }
                case WasmModule.EXPORT -> {
                    s.vec(m.exports.size());
                    for (Export e : m.exports) {
                        s.name(e.name());
                        s.u8(e.kind());
                        s.u32(e.index());
                    }
                    yield !m.exports.isEmpty();
                }
                case WasmModule.START -> {
                    if (m.start >= 0) {
                        s.u32(m.start);
                    }
                    yield m.start >= 0;
                }
                case WasmModule.ELEMENT -> {
                    s.vec(m.elems.size());
                    m.elems.forEach(e -> elem(s, e));
                    yield !m.elems.isEmpty();
                }
                case WasmModule.DATA_COUNT -> {
                    if (m.dataCount >= 0) {
                        s.u32(m.dataCount);
                    }
                    yield m.dataCount >= 0;
                }
                case WasmModule.CODE -> {
                    s.vec(m.codes.size());
                    for (Code c : m.codes) {
                        Out body = new Out();
                        body.vec(c.locals().size());
                        for (LocalGroup g : c.locals()) {
                            body.u32(g.count());
                            body.u8(g.type().code);
                        }
                        for (Instr i : c.body()) {
                            instr(body, i);
                        }
                        s.u32(body.size());
                        s.raw(body.toByteArray());
                    }
                    yield !m.codes.isEmpty();
                }
                case WasmModule.DATA -> {
                    s.vec(m.datas.size());
                    m.datas.forEach(d -> data(s, d));
                    yield !m.datas.isEmpty();
                }
                default -> throw new AssertionError(id);
            };
            if (present || (id != WasmModule.START && id != WasmModule.DATA_COUNT && (m.emptySections & (1 << id)) != 0)) {
                out.u8(id);
                out.u32(s.size());
                out.raw(s.toByteArray());
            }
            customs(out, m, r);
        }
        return out.toByteArray();
    }

    private static void customs(Out out, WasmModule m, int rank) {
        for (Custom c : m.customs) {
            if (c.after() == rank) {
                Out s = new Out();
                s.name(c.name());
                s.raw(c.payload().toArray());
                out.u8(0);
                out.u32(s.size());
                out.raw(s.toByteArray());
            }
        }
    }

    private static void limits(Out s, Limits l) {
        if (l.hasMax()) {
            s.u8(1);
            s.u32(l.min());
            s.u32(l.max());
        } else {
            s.u8(0);
            s.u32(l.min());
        }
    }

    private static void globalType(Out s, GlobalType t) {
        s.u8(t.type().code);
        s.u8(t.mutable() ? 1 : 0);
    }

    private static void expr(Out s, List<Instr> e) {
        for (Instr i : e) {
            instr(s, i);
        }
        s.u8(0x0B);
    }

    private static void elem(Out s, Elem e) {
        int f = e.flags();
        s.u32(f);
        if ((f & 1) == 0) {
            if ((f & 2) != 0) {
                s.u32(e.table());
            }
            expr(s, e.offset());
        }
        if ((f & 3) != 0) {
            s.u8((f & 4) == 0 ? 0x00 : 0x70);
        }
        s.vec(e.init().size());
        for (ElemItem item : e.init()) {
            if ((f & 4) == 0) {
                s.u32(item.func());
            } else if (item.isNull()) {
                s.u8(0xD0);
                s.u8(0x70);
                s.u8(0x0B);
            } else {
                s.u8(0xD2);
                s.u32(item.func());
                s.u8(0x0B);
            }
        }
    }

    private static void data(Out s, Data d) {
        s.u32(d.flags());
        if (d.flags() == 2) {
            s.u32(d.memory());
        }
        if (d.flags() != 1) {
            expr(s, d.offset());
        }
        s.vec(d.bytes().length());
        s.raw(d.bytes().toArray());
    }

    static void instr(Out s, Instr i) {
        Op op = i.op();
        if (op == Op.REF_NULL) {
            s.u8(0xD0);
            s.u8(0x70);
            return;
        }
        if (op.prefixed()) {
            s.u8(0xFC);
            s.u32(op.code & 0xFF);
        } else {
            s.u8(op.code);
        }
        switch (op.imm) {
            case NONE -> { }
            case BLOCKTYPE -> {
                if (i.a() < 0) {
                    s.u8((int) -i.a());
                } else {
                    s.sleb(i.a());
                }
            }
            case LABEL, FUNC, LOCAL, GLOBAL, DATA, ELEM -> s.u32(i.a());
            case BR_TABLE -> {
                int[] l = i.labels();
                s.vec(l.length - 1);
                for (int x : l) {
                    s.u32(x);
                }
            }
            case CALL_INDIRECT, ELEM_TABLE, TABLE_TABLE -> {
                s.u32(i.a());
                s.u32(i.b());
            }
            case MEMARG -> {
                s.u32(i.a());
                s.u32(i.b());
            }
            case MEM -> s.u8(0);
            case MEM_MEM -> {
                s.u8(0);
                s.u8(0);
            }
            case DATA_MEM -> {
                s.u32(i.a());
                s.u8(0);
            }
            case I32, I64 -> s.sleb(i.a());
            case F32 -> {
                for (int k = 0; k < 4; k++) {
                    s.u8((int) (i.a() >>> (8 * k)) & 0xFF);
                }
            }
            case F64 -> {
                for (int k = 0; k < 8; k++) {
                    s.u8((int) (i.a() >>> (8 * k)) & 0xFF);
                }
            }
            case SELECT_T -> {
                s.vec(i.labels().length);
                for (int t : i.labels()) {
                    s.u8(t);
                }
            }
        }
    }

    /** A growable byte buffer with the LEB128 writers. */
    static final class Out extends ByteArrayOutputStream {
        void u8(int b) {
            write(b);
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }

        void u32(long v) {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("u32 out of range: " + v);
            }
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
        }

        void vec(int n) {
            u32(n);
        }

        void sleb(long v) {
            while (true) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
                write(done ? b : b | 0x80);
                if (done) {
                    return;
                }
            }
        }

        void name(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            raw(b);
        }
    }
}

package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link Lowering} as a WebAssembly 2.0 binary: sections in the standard order, each
 * present only when non-empty (the data count section only when code names a segment), minimal
 * LEB128 everywhere, locals grouped by runs of one type: the choices wabt's {@code wat2wasm} makes,
 * so the text form converts back to the same bytes.
 * A pure function of the module, hence byte-identical for the same module.
 */
final class BinaryEncoder {
    private BinaryEncoder() {}

    static byte[] encode(Lowering low) {
        ModuleAst m = low.ast;
        Buf out = new Buf();
        out.bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

        Buf s = new Buf();
        if (!low.types.isEmpty()) {
            s.u32(low.types.size());
            for (FuncSig t : low.types) {
                s.byte1(0x60);
                valTypes(s, t.params());
                valTypes(s, t.results());
            }
            out.section(1, s);
        }

        if (!low.imports.isEmpty()) {
            s = new Buf();
            s.u32(low.imports.size());
            for (HostFunc h : low.imports) {
                s.name("ecliptica");
                s.name(h.importName);
                s.byte1(0x00);
                s.u32(low.typeIndex(h.sig));
            }
            out.section(2, s);
        }
        if (!m.funcs().isEmpty()) {
            s = new Buf();
            s.u32(m.funcs().size());
            for (ModuleAst.Func f : m.funcs()) {
                s.u32(low.typeIndex(f.sig()));
            }
            out.section(3, s);
        }
        if (m.tableSize() > 0) {
            s = new Buf();
            s.u32(1);
            s.byte1(0x70);
            s.byte1(0x01);
            s.u32(m.tableSize());
            s.u32(m.tableSize());
            out.section(4, s);
        }
        if (m.memory() != null) {
            s = new Buf();
            s.u32(1);
            limits(s, m.memory().minPages(), m.memory().maxPages());
            out.section(5, s);
        }
        if (!m.globals().isEmpty()) {
            s = new Buf();
            s.u32(m.globals().size());
            for (ModuleAst.Global g : m.globals()) {
                s.byte1(code(g.type()));
                s.byte1(g.mutable() ? 1 : 0);
                instr(s, low, new Lowering.Flat(Op.constOf(g.type()), g.init(), 0, null, null));
                s.byte1(0x0B);
            }
            out.section(6, s);
        }
        boolean memExport = m.memory() != null && m.memory().exported();
        if (!m.exports().isEmpty() || memExport) {
            s = new Buf();
            s.u32(m.exports().size() + (memExport ? 1 : 0));
            for (ModuleAst.Export e : m.exports()) {
                s.name(e.name());
                s.byte1(0x00);
                s.u32(low.funcIndex(e.funcId()));
            }
            if (memExport) {
                s.name("memory");
                s.byte1(0x02);
                s.u32(0);
            }
            out.section(7, s);
        }
        if (!m.tableElems().isEmpty()) {
            s = new Buf();
            s.u32(1);
            s.u32(0);
            s.byte1(0x41);
            s.s64(0);
            s.byte1(0x0B);
            s.u32(m.tableElems().size());
            for (int id : m.tableElems()) {
                s.u32(low.funcIndex(id));
            }
            out.section(9, s);
        }
        if (low.usesDataIndex) {
            s = new Buf();
            s.u32(m.data().size());
            out.section(12, s);
        }
        if (!m.funcs().isEmpty()) {
            s = new Buf();
            s.u32(m.funcs().size());
            for (int i = 0; i < m.funcs().size(); i++) {
                Buf body = new Buf();
                locals(body, m.funcs().get(i).locals());
                for (Lowering.Flat f : low.bodies.get(i)) {
                    instr(body, low, f);
                }
                body.byte1(0x0B);
                s.u32(body.size());
                s.append(body);
            }
            out.section(10, s);
        }
        if (!m.data().isEmpty()) {
            s = new Buf();
            s.u32(m.data().size());
            for (ModuleAst.DataSegment d : m.data()) {
                if (d.passive()) {
                    s.u32(1);
                } else {
                    s.u32(0);
                    s.byte1(0x41);
                    s.s64(d.offset());
                    s.byte1(0x0B);
                }
                byte[] bytes = d.bytes();
                s.u32(bytes.length);
                s.write(bytes, 0, bytes.length);
            }
            out.section(11, s);
        }
        return out.toByteArray();
    }

    static int code(ValueType t) {
        return switch (t) {
            case I32 -> 0x7F;
            case I64 -> 0x7E;
            case F32 -> 0x7D;
            case F64 -> 0x7C;
        };
    }

    private static void valTypes(Buf s, List<ValueType> types) {
        s.u32(types.size());
        for (ValueType t : types) {
            s.byte1(code(t));
        }
    }

    private static void limits(Buf s, int min, int max) {
        if (max < 0) {
            s.byte1(0x00);
            s.u32(min);
        } else {
            s.byte1(0x01);
            s.u32(min);
            s.u32(max);
        }
    }

    private static void locals(Buf s, List<ValueType> locals) {
        int groups = 0;
        for (int i = 0; i < locals.size(); i++) {
            if (i == 0 || locals.get(i) != locals.get(i - 1)) {
                groups++;
            }
        }
        s.u32(groups);
        int i = 0;
        while (i < locals.size()) {
            int j = i;
            while (j < locals.size() && locals.get(j) == locals.get(i)) {
                j++;
            }
            s.u32(j - i);
            s.byte1(code(locals.get(i)));
            i = j;
        }
    }

    private static void instr(Buf s, Lowering low, Lowering.Flat f) {
        Op op = f.op();
        if (op.prefixed()) {
            s.byte1(0xFC);
            s.u32(op.code & 0xFF);
        } else {
            s.byte1(op.code);
        }
        switch (op) {
            case BLOCK, LOOP, IF -> {
                List<ValueType> bt = f.blockType();
                if (bt.isEmpty()) {
                    s.byte1(0x40);
                } else if (bt.size() == 1) {
                    s.byte1(code(bt.get(0)));
                } else {
                    s.s64(low.blockTypeIndex(bt));
                }
            }
            case BR, BR_IF, CALL, LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET, DATA_DROP -> s.u32(f.a());
            case BR_TABLE -> {
                s.u32(f.targets().length);
                for (int t : f.targets()) {
                    s.u32(t);
                }
                s.u32(f.a());
            }
            case CALL_INDIRECT -> {
                s.u32(f.a());
                s.byte1(0x00);
            }
            case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL -> s.byte1(0x00);
            case MEMORY_COPY -> s.bytes(0x00, 0x00);
            case MEMORY_INIT -> {
                s.u32(f.a());
                s.byte1(0x00);
            }
            case I32_CONST -> s.s64((int) f.a());
            case I64_CONST -> s.s64(f.a());
            case F32_CONST -> s.le(f.a(), 4);
            case F64_CONST -> s.le(f.a(), 8);
            default -> {
                if (op.width > 0) {
                    s.u32(f.b());
                    s.u32(f.a());
                }
            }
        }
    }

    /** A growable byte buffer with the wasm primitive encodings. */
    private static final class Buf extends ByteArrayOutputStream {
        void byte1(int b) {
            write(b);
        }

        void bytes(int... bs) {
            for (int b : bs) {
                write(b);
            }
        }

        void u32(long v) {
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
        }

        void s64(long v) {
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

        void le(long v, int n) {
            for (int i = 0; i < n; i++) {
                write((int) (v >>> (8 * i)) & 0xFF);
            }
        }

        void name(String n) {
            byte[] b = n.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            write(b, 0, b.length);
        }

        void append(Buf other) {
            write(other.buf, 0, other.count);
        }

        void section(int id, Buf content) {
            write(id);
            u32(content.size());
            append(content);
        }
    }
}

package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import java.util.List;
import java.util.Locale;

/**
 * The text form of a {@link Lowering}: flat instructions with numeric indices, in the same order
 * as the binary, so that {@code wat2wasm} accepts it and the reader can match it against the
 * bytes. Floats are written exactly ({@code nan:0x…}, {@code inf}, hexadecimal floats).
 */
final class WatPrinter {
    private WatPrinter() {}

    static String print(Lowering low) {
        ModuleAst m = low.ast;
        StringBuilder s = new StringBuilder("(module\n");
        for (int i = 0; i < low.types.size(); i++) {
            FuncSig t = low.types.get(i);
            s.append("  (type (;").append(i).append(";) (func").append(sig(t)).append("))\n");
        }
        for (HostFunc h : low.imports) {
            s.append("  (import \"ecliptica\" \"").append(h.importName).append("\" (func (type ")
                    .append(low.typeIndex(h.sig)).append(")))\n");
        }
        if (m.tableSize() > 0) {
            s.append("  (table ").append(m.tableSize()).append(' ').append(m.tableSize()).append(" funcref)\n");
        }
        if (m.memory() != null) {
            s.append("  (memory ").append(m.memory().minPages());
            if (m.memory().maxPages() >= 0) {
                s.append(' ').append(m.memory().maxPages());
            }
            s.append(")\n");
        }
        for (ModuleAst.Global g : m.globals()) {
            s.append("  (global ").append(g.mutable() ? "(mut " + g.type().wasmName() + ")" : g.type().wasmName())
                    .append(" (").append(constant(Op.constOf(g.type()), g.init())).append("))\n");
        }
        for (ModuleAst.Export e : m.exports()) {
            s.append("  (export \"").append(e.name()).append("\" (func ").append(low.funcIndex(e.funcId())).append("))\n");
        }
        if (m.memory() != null && m.memory().exported()) {
            s.append("  (export \"memory\" (memory 0))\n");
        }
        if (!m.tableElems().isEmpty()) {
            s.append("  (elem (i32.const 0)");
            for (int id : m.tableElems()) {
                s.append(' ').append(low.funcIndex(id));
            }
            s.append(")\n");
        }
        for (int i = 0; i < m.funcs().size(); i++) {
            ModuleAst.Func f = m.funcs().get(i);
            s.append("  (func (;").append(low.imports.size() + i).append(";) (type ").append(low.typeIndex(f.sig())).append(')');
            if (!f.locals().isEmpty()) {
                s.append(" (local");
                for (ValueType t : f.locals()) {
                    s.append(' ').append(t.wasmName());
                }
                s.append(')');
            }
            s.append('\n');
            int indent = 2;
            for (Lowering.Flat x : low.bodies.get(i)) {
                if (x.op() == Op.END || x.op() == Op.ELSE) {
                    indent--;
                }
                s.append("  ".repeat(indent)).append(instr(low, x)).append('\n');
                if (x.op() == Op.BLOCK || x.op() == Op.LOOP || x.op() == Op.IF || x.op() == Op.ELSE) {
                    indent++;
                }
            }
            s.append("  )\n");
        }
        for (ModuleAst.DataSegment d : m.data()) {
            s.append("  (data");
            if (!d.passive()) {
                s.append(" (i32.const ").append(d.offset()).append(')');
            }
            s.append(" \"");
            for (byte b : d.bytes()) {
                s.append(String.format(Locale.ROOT, "\\%02x", b & 0xFF));
            }
            s.append("\")\n");
        }
        return s.append(")\n").toString();
    }

    private static String sig(FuncSig t) {
        StringBuilder s = new StringBuilder();
        if (!t.params().isEmpty()) {
            s.append(" (param");
            t.params().forEach(p -> s.append(' ').append(p.wasmName()));
            s.append(')');
        }
        if (!t.results().isEmpty()) {
            s.append(" (result");
            t.results().forEach(p -> s.append(' ').append(p.wasmName()));
            s.append(')');
        }
        return s.toString();
    }

    private static String instr(Lowering low, Lowering.Flat f) {
        Op op = f.op();
        return switch (op) {
            case BLOCK, LOOP, IF -> {
                List<ValueType> bt = f.blockType();
                yield op.mnemonic + (bt.size() > 1 ? " (type " + low.blockTypeIndex(bt) + ")"
                        : sig(new FuncSig(List.of(), bt)));
            }
            case BR, BR_IF, CALL, LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET, DATA_DROP, MEMORY_INIT ->
                    op.mnemonic + " " + f.a();
            case BR_TABLE -> {
                StringBuilder s = new StringBuilder("br_table");
                for (int t : f.targets()) {
                    s.append(' ').append(t);
                }
                yield s.append(' ').append(f.a()).toString();
            }
            case CALL_INDIRECT -> "call_indirect (type " + f.a() + ")";
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> constant(op, f.a());
            default -> op.width > 0 ? op.mnemonic + " offset=" + f.a() + " align=" + (1L << f.b()) : op.mnemonic;
        };
    }

    static String constant(Op op, long bits) {
        return switch (op) {
            case I32_CONST -> "i32.const " + (int) bits;
            case I64_CONST -> "i64.const " + bits;
            case F32_CONST -> "f32.const " + f32((int) bits);
            case F64_CONST -> "f64.const " + f64(bits);
            default -> throw new IllegalArgumentException(op.mnemonic);
        };
    }

    private static String f32(int bits) {
        String sign = bits < 0 ? "-" : "";
        int exp = (bits >>> 23) & 0xFF;
        int frac = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return sign + (frac == 0 ? "inf" : "nan:0x" + Integer.toHexString(frac));
        }
        return Float.toHexString(Float.intBitsToFloat(bits));
    }

    private static String f64(long bits) {
        String sign = bits < 0 ? "-" : "";
        long exp = (bits >>> 52) & 0x7FF;
        long frac = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0x7FF) {
            return sign + (frac == 0 ? "inf" : "nan:0x" + Long.toHexString(frac));
        }
        return Double.toHexString(Double.longBitsToDouble(bits));
    }
}

package io.ecliptica.instrument;

import io.ecliptica.instrument.WasmModule.Code;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a decoded module (WebAssembly 2.0 validation rules for the accepted subset) and, as a
 * by-product of type-checking each function body, computes its maximum operand-stack height: the
 * largest number of values on the operand stack at any point of the validation algorithm of the
 * spec's appendix (values pushed in unreachable code count; a block's parameters are counted once).
 */
final class Validator {

    private static final int UNKNOWN = 0;

    /** The result: per defined function, its maximum operand-stack height. */
    record Analysis(int[] maxStack) {}

    private final WasmModule m;
    private final List<GlobalType> globals;
    private final int functionCount;
    private final int tableCount;
    private final int memoryCount;

    private Validator(WasmModule m) {
        this.m = m;
        this.globals = m.globalTypes();
        this.functionCount = m.functionCount();
        this.tableCount = m.importedCount(WasmModule.K_TABLE) + m.tables.size();
        this.memoryCount = m.importedCount(WasmModule.K_MEMORY) + m.memories.size();
    }

    static Analysis validate(WasmModule m) {
        return new Validator(m).run();
    }

    static ModuleRejectedException invalid(long offset, String detail) {
        return new ModuleRejectedException(Features.INVALID, offset, detail);
    }

    private static int code(ValType t) {
        return t.ordinal() + 1;
    }

    private static String name(int t) {
        return t == UNKNOWN ? "unknown" : ValType.values()[t - 1].text;
    }

    private Analysis run() {
        for (Import i : m.imports) {
            switch (i.desc().kind()) {
                case WasmModule.K_FUNC -> {
                    if (i.desc().typeIndex() >= m.types.size() || i.desc().typeIndex() < 0) {
                        throw invalid(i.offset(), "unknown type " + Integer.toUnsignedString(i.desc().typeIndex()));
                    }
                }
                case WasmModule.K_TABLE -> tableLimits(i.desc().limits(), i.offset());
                case WasmModule.K_MEMORY -> memoryLimits(i.desc().limits(), i.offset());
                default -> { }
            }
        }
        for (int i = 0; i < m.functions.size(); i++) {
            int t = m.functions.get(i);
            if (t < 0 || t >= m.types.size()) {
                throw invalid(m.codes.get(i).offset(), "unknown type " + Integer.toUnsignedString(t));
            }
        }
        for (WasmModule.Table t : m.tables) {
            tableLimits(t.limits(), t.offset());
        }
        for (WasmModule.Memory mem : m.memories) {
            memoryLimits(mem.limits(), mem.offset());
        }
        int importedGlobals = m.importedCount(WasmModule.K_GLOBAL);
        for (Global g : m.globals) {
            constExpr(g.init(), code(g.type().type()), importedGlobals, g.offset());
        }
        Set<String> names = new HashSet<>();
        for (Export e : m.exports) {
            if (!names.add(e.name())) {
                throw invalid(e.offset(), "duplicate export name \"" + e.name() + "\"");
            }
            long limit = switch (e.kind()) {
                case WasmModule.K_FUNC -> functionCount;
                case WasmModule.K_TABLE -> tableCount;
                case WasmModule.K_MEMORY -> memoryCount;
                default -> globals.size();
            };
            if (e.index() >= limit) {
                String what = switch (e.kind()) {
                    case WasmModule.K_FUNC -> "function";
                    case WasmModule.K_TABLE -> "table";
                    case WasmModule.K_MEMORY -> "memory";
                    default -> "global";
                };
                throw invalid(e.offset(), "unknown " + what + " " + e.index());
            }
        }
        if (m.start >= 0) {
            if (m.start >= functionCount) {
                throw invalid(0, "unknown function " + m.start + " (start)");
            }
            FuncType t = m.functionType(m.start);
            if (!t.params().isEmpty() || !t.results().isEmpty()) {
                throw invalid(0, "start function must have type [] -> [] (has " + t + ")");
            }
        }
        for (Elem e : m.elems) {
            if (e.active()) {
                if (e.table() >= tableCount) {
                    throw invalid(e.byteOffset(), "unknown table " + e.table());
                }
                constExpr(e.offset(), code(ValType.I32), importedGlobals, e.byteOffset());
            }
            for (ElemItem item : e.init()) {
                if (!item.isNull() && item.func() >= functionCount) {
                    throw invalid(e.byteOffset(), "unknown function " + item.func());
                }
            }
        }
        for (Data d : m.datas) {
            if (d.active()) {
                if (d.memory() >= memoryCount) {
                    throw invalid(d.byteOffset(), "unknown memory " + d.memory());
                }
                constExpr(d.offset(), code(ValType.I32), importedGlobals, d.byteOffset());
            }
        }
        int[] maxStack = new int[m.codes.size()];
        int importedFuncs = m.importedCount(WasmModule.K_FUNC);
        for (int i = 0; i < m.codes.size(); i++) {
            maxStack[i] = new Body(m.codes.get(i), m.types.get(m.functions.get(i)), importedFuncs + i).run();
        }
        return new Analysis(maxStack);
    }

    private static void tableLimits(Limits l, long at) {
        if (l.hasMax() && Long.compareUnsigned(l.min(), l.max()) > 0) {
            throw invalid(at, "size minimum must not be greater than maximum");
        }
    }

    private static void memoryLimits(Limits l, long at) {
        if (l.min() > 65536 || (l.hasMax() && l.max() > 65536)) {
            throw invalid(at, "memory size must be at most 65536 pages (4GiB)");
        }
        if (l.hasMax() && l.min() > l.max()) {
            throw invalid(at, "size minimum must not be greater than maximum");
        }
    }

    private void constExpr(List<Instr> expr, int expected, int importedGlobals, long at) {
        List<Integer> stack = new ArrayList<>();
        for (Instr i : expr) {
            switch (i.op()) {
                case I32_CONST -> stack.add(code(ValType.I32));
                case I64_CONST -> stack.add(code(ValType.I64));
                case F32_CONST -> stack.add(code(ValType.F32));
                case F64_CONST -> stack.add(code(ValType.F64));
                case GLOBAL_GET -> {
                    if (i.a() >= importedGlobals) {
                        throw invalid(i.offset(), i.a() >= globals.size()
                                ? "unknown global " + i.a()
                                : "unknown global " + i.a() + " (a constant expression may only read imported globals)");
                    }
                    GlobalType g = globals.get((int) i.a());
                    if (g.mutable()) {
                        throw invalid(i.offset(), "constant expression required (global " + i.a() + " is mutable)");
                    }
                    stack.add(code(g.type()));
                }
                case REF_NULL, REF_FUNC -> throw invalid(i.offset(), "type mismatch (reference in a numeric constant expression)");
                default -> throw invalid(i.offset(), "constant expression required (" + i.op().mnemonic + ")");
            }
        }
        if (stack.size() != 1 || stack.get(0) != expected) {
            throw invalid(expr.isEmpty() ? at : expr.get(expr.size() - 1).offset(),
                    "type mismatch in constant expression (expected " + name(expected) + ")");
        }
    }

    /** Type-checks one function body. */
    private final class Body {
        private final Code code;
        private final FuncType type;
        private final int funcIndex;
        private final long[] groupEnds;
        private final int[] groupTypes;
        private final long localCount;

        private int[] vals = new int[16];
        private int nvals;
        private int max;
        private final List<Frame> ctrls = new ArrayList<>();

        Body(Code code, FuncType type, int funcIndex) {
            this.code = code;
            this.type = type;
            this.funcIndex = funcIndex;
            List<LocalGroup> groups = code.locals();
            groupEnds = new long[groups.size()];
            groupTypes = new int[groups.size()];
            long n = type.params().size();
            for (int i = 0; i < groups.size(); i++) {
                n += groups.get(i).count();
                groupEnds[i] = n;
                groupTypes[i] = code(groups.get(i).type());
            }
            localCount = n;
        }

        private final class Frame {
            final Op op;
            final int[] start;
            final int[] end;
            final int height;
            boolean unreachable;

            Frame(Op op, int[] start, int[] end, int height) {
                this.op = op;
                this.start = start;
                this.end = end;
                this.height = height;
            }

            int[] labelTypes() {
                return op == Op.LOOP ? start : end;
            }
        }

        private Instr at;

        int run() {
            int[] results = types(type.results());
            ctrls.add(new Frame(Op.BLOCK, new int[0], results, 0));
            List<Instr> body = code.body();
            for (int k = 0; k < body.size(); k++) {
                at = body.get(k);
                if (ctrls.isEmpty()) {
                    throw invalid(at.offset(), "instruction after the function's final end");
                }
                step(at);
            }
            if (!ctrls.isEmpty()) {
                throw invalid(code.offset(), "function body does not end its blocks");
            }
            return max;
        }

        private ModuleRejectedException err(String detail) {
            return invalid(at.offset(), detail + " (function " + funcIndex + ", " + at.op().mnemonic + ")");
        }

        private int[] types(List<ValType> ts) {
            int[] out = new int[ts.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = code(ts.get(i));
            }
            return out;
        }

        private void push(int t) {
            if (nvals == vals.length) {
                vals = Arrays.copyOf(vals, nvals * 2);
            }
            vals[nvals++] = t;
            if (nvals > max) {
                max = nvals;
            }
        }

        private void push(int[] ts) {
            for (int t : ts) {
                push(t);
            }
        }

        private int pop() {
            Frame f = ctrls.get(ctrls.size() - 1);
            if (nvals == f.height) {
                if (f.unreachable) {
                    return UNKNOWN;
                }
                throw err("type mismatch (operand stack underflow)");
            }
            return vals[--nvals];
        }

        private int pop(int expect) {
            int actual = pop();
            if (actual != expect && actual != UNKNOWN && expect != UNKNOWN) {
                throw err("type mismatch (expected " + name(expect) + ", got " + name(actual) + ")");
            }
            return actual;
        }

        private int[] pop(int[] expect) {
            int[] popped = new int[expect.length];
            for (int i = expect.length - 1; i >= 0; i--) {
                popped[i] = pop(expect[i]);
            }
            return popped;
        }

        private void pushCtrl(Op op, int[] in, int[] out) {
            ctrls.add(new Frame(op, in, out, nvals));
            push(in);
        }

        private Frame popCtrl() {
            Frame f = ctrls.get(ctrls.size() - 1);
            pop(f.end);
            if (nvals != f.height) {
                throw err("type mismatch (values left on the stack at the end of a block)");
            }
            ctrls.remove(ctrls.size() - 1);
            return f;
        }

        private void unreachable() {
            Frame f = ctrls.get(ctrls.size() - 1);
            nvals = f.height;
            f.unreachable = true;
        }

        private Frame label(long l) {
            if (l < 0 || l >= ctrls.size()) {
                throw err("unknown label " + l);
            }
            return ctrls.get(ctrls.size() - 1 - (int) l);
        }

        private int[][] blockType(long bt) {
            if (bt == Instr.BT_EMPTY) {
                return new int[][] {new int[0], new int[0]};
            }
            if (bt < 0) {
                return new int[][] {new int[0], new int[] {code(ValType.of((int) -bt))}};
            }
            if (bt >= m.types.size()) {
                throw err("unknown type " + bt);
            }
            FuncType t = m.types.get((int) bt);
            return new int[][] {types(t.params()), types(t.results())};
        }

        private int localType(long x) {
            if (x < 0 || x >= localCount) {
                throw err("unknown local " + x);
            }
            if (x < type.params().size()) {
                return code(type.params().get((int) x));
            }
            int lo = 0;
            int hi = groupEnds.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (x < groupEnds[mid]) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return groupTypes[lo];
        }

        private void needMemory() {
            if (memoryCount == 0) {
                throw err("unknown memory 0");
            }
        }

        private void needTable(long t) {
            if (t >= tableCount) {
                throw err("unknown table " + t);
            }
        }

        private void needDataCount(long d) {
            if (m.dataCount < 0) {
                throw new ModuleRejectedException(Features.MALFORMED, at.offset(), "data count section required");
            }
            if (d >= m.dataCount) {
                throw err("unknown data segment " + d);
            }
        }

        private void needElem(long e) {
            if (e >= m.elems.size()) {
                throw err("unknown elem segment " + e);
            }
        }

        private void sig(String sig) {
            int gt = sig.indexOf('>');
            for (int i = gt - 1; i >= 0; i--) {
                pop(sigType(sig.charAt(i)));
            }
            for (int i = gt + 1; i < sig.length(); i++) {
                push(sigType(sig.charAt(i)));
            }
        }

        private int sigType(char c) {
            return switch (c) {
                case 'i' -> code(ValType.I32);
                case 'I' -> code(ValType.I64);
                case 'f' -> code(ValType.F32);
                case 'F' -> code(ValType.F64);
                default -> throw new AssertionError(c);
            };
        }

        private void step(Instr i) {
            Op op = i.op();
            switch (op) {
                case UNREACHABLE -> unreachable();
                case NOP -> { }
                case BLOCK, LOOP -> {
                    int[][] bt = blockType(i.a());
                    pop(bt[0]);
                    pushCtrl(op, bt[0], bt[1]);
                }
                case IF -> {
                    int[][] bt = blockType(i.a());
                    pop(code(ValType.I32));
                    pop(bt[0]);
                    pushCtrl(op, bt[0], bt[1]);
                }
                case ELSE -> {
                    Frame f = ctrls.get(ctrls.size() - 1);
                    if (f.op != Op.IF) {
                        throw err("else without a matching if");
                    }
                    popCtrl();
                    pushCtrl(Op.ELSE, f.start, f.end);
                }
                case END -> {
                    Frame f = popCtrl();
                    if (f.op == Op.IF && !Arrays.equals(f.start, f.end)) {
                        throw err("type mismatch (if without else must have matching parameter and result types)");
                    }
                    if (!ctrls.isEmpty()) {
                        push(f.end); // the function's own end returns its results instead
                    }
                }
                case BR -> {
                    pop(label(i.a()).labelTypes());
                    unreachable();
                }
                case BR_IF -> {
                    pop(code(ValType.I32));
                    int[] lt = label(i.a()).labelTypes();
                    pop(lt);
                    push(lt);
                }
                case BR_TABLE -> {
                    pop(code(ValType.I32));
                    int[] labels = i.labels();
                    int[] deflt = label(labels[labels.length - 1]).labelTypes();
                    for (int k = 0; k < labels.length - 1; k++) {
                        int[] lt = label(labels[k]).labelTypes();
                        if (lt.length != deflt.length) {
                            throw err("type mismatch (br_table targets have different arities)");
                        }
                        push(pop(lt));
                    }
                    pop(deflt);
                    unreachable();
                }
                case RETURN -> {
                    pop(ctrls.get(0).end);
                    unreachable();
                }
                case CALL -> {
                    if (i.a() >= functionCount) {
                        throw err("unknown function " + i.a());
                    }
                    FuncType t = m.functionType(i.a());
                    pop(types(t.params()));
                    push(types(t.results()));
                }
                case CALL_INDIRECT -> {
                    needTable(i.b());
                    if (i.a() >= m.types.size()) {
                        throw err("unknown type " + i.a());
                    }
                    FuncType t = m.types.get((int) i.a());
                    pop(code(ValType.I32));
                    pop(types(t.params()));
                    push(types(t.results()));
                }
                case DROP -> pop();
                case SELECT -> {
                    pop(code(ValType.I32));
                    int t1 = pop();
                    int t2 = pop();
                    if (t1 != t2 && t1 != UNKNOWN && t2 != UNKNOWN) {
                        throw err("type mismatch (select operands " + name(t2) + " and " + name(t1) + ")");
                    }
                    push(t1 == UNKNOWN ? t2 : t1);
                }
                case SELECT_T -> {
                    if (i.labels().length != 1) {
                        throw err("invalid result arity");
                    }
                    int t = ValType.of(i.labels()[0]).ordinal() + 1;
                    pop(code(ValType.I32));
                    pop(t);
                    pop(t);
                    push(t);
                }
                case LOCAL_GET -> push(localType(i.a()));
                case LOCAL_SET -> pop(localType(i.a()));
                case LOCAL_TEE -> {
                    int t = localType(i.a());
                    pop(t);
                    push(t);
                }
                case GLOBAL_GET -> {
                    if (i.a() >= globals.size()) {
                        throw err("unknown global " + i.a());
                    }
                    push(code(globals.get((int) i.a()).type()));
                }
                case GLOBAL_SET -> {
                    if (i.a() >= globals.size()) {
                        throw err("unknown global " + i.a());
                    }
                    GlobalType g = globals.get((int) i.a());
                    if (!g.mutable()) {
                        throw err("global is immutable");
                    }
                    pop(code(g.type()));
                }
                case MEMORY_SIZE, MEMORY_GROW, MEMORY_COPY, MEMORY_FILL -> {
                    needMemory();
                    sig(op.sig);
                }
                case MEMORY_INIT -> {
                    needMemory();
                    needDataCount(i.a());
                    sig(op.sig);
                }
                case DATA_DROP -> needDataCount(i.a());
                case TABLE_INIT -> {
                    needTable(i.b());
                    needElem(i.a());
                    sig(op.sig);
                }
                case ELEM_DROP -> needElem(i.a());
                case TABLE_COPY -> {
                    needTable(i.a());
                    needTable(i.b());
                    sig(op.sig);
                }
                case REF_NULL, REF_FUNC -> throw err("reference instruction in a function body");
                default -> {
                    if (op.width > 0) {
                        needMemory();
                        if (i.a() >= 32 || (1L << i.a()) > op.width) {
                            throw err("alignment must not be larger than natural");
                        }
                    }
                    sig(op.sig);
                }
            }
        }
    }
}

package io.ecliptica.instrument;

import io.ecliptica.instrument.WasmModule.Code;
import io.ecliptica.instrument.WasmModule.Custom;
import io.ecliptica.instrument.WasmModule.Elem;
import io.ecliptica.instrument.WasmModule.ElemItem;
import io.ecliptica.instrument.WasmModule.Export;
import io.ecliptica.instrument.WasmModule.FuncType;
import io.ecliptica.instrument.WasmModule.Global;
import io.ecliptica.instrument.WasmModule.GlobalType;
import io.ecliptica.instrument.WasmModule.Import;
import io.ecliptica.instrument.WasmModule.ImportDesc;
import io.ecliptica.instrument.WasmModule.Limits;
import io.ecliptica.instrument.WasmModule.LocalGroup;
import io.ecliptica.instrument.WasmModule.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a validated, gated module under a profile: the host-contract imports, globals and
 * exports, the start-function rule, and per function the stack-height check, the gas charges and
 * the NaN canonicalization (docs/gas.md).
 */
final class Transformer {

    private final WasmModule in;
    private final Validator.Analysis analysis;
    private final Profile p;
    private final CostTable costs;
    private final WasmModule out;

    /** Functions imported by the input (indices below stay, indices at or above shift by 2). */
    private final int importedFuncs;
    private int oogFunc;
    private int stackFunc;
    private int gasGlobal;
    private int stackGlobal;
    /** Per defined function: calls no import and no call_indirect, directly or transitively (docs/gas.md §4). */
    private boolean[] selfContained;

    private Transformer(WasmModule in, Validator.Analysis analysis, Profile p) {
        this.in = in;
        this.analysis = analysis;
        this.p = p;
        this.costs = p.costs();
        this.out = in.copy();
        this.importedFuncs = in.importedCount(WasmModule.K_FUNC);
    }

    static WasmModule transform(WasmModule m, Validator.Analysis a, Profile p) {
        return new Transformer(m, a, p).run();
    }

    long remap(long func) {
        return func < importedFuncs ? func : func + 2;
    }

    private int typeIndex(List<ValType> params, List<ValType> results) {
        FuncType want = new FuncType(params, results);
        int i = out.types.indexOf(want);
        if (i >= 0) {
            return i;
        }
        out.types.add(want);
        return out.types.size() - 1;
    }

    private WasmModule run() {
        // host-contract imports, appended after the module's own imports
        int voidType = typeIndex(List.of(), List.of());
        oogFunc = importedFuncs;
        stackFunc = importedFuncs + 1;
        out.imports.add(new Import(Instrumenter.HOST_MODULE, Instrumenter.OUT_OF_GAS,
                new ImportDesc(WasmModule.K_FUNC, voidType, null, null), -1));
        out.imports.add(new Import(Instrumenter.HOST_MODULE, Instrumenter.STACK_EXHAUSTED,
                new ImportDesc(WasmModule.K_FUNC, voidType, null, null), -1));

        // globals, appended after the module's own
        int globalCount = in.importedCount(WasmModule.K_GLOBAL) + in.globals.size();
        gasGlobal = globalCount;
        stackGlobal = globalCount + 1;
        out.globals.add(new Global(new GlobalType(ValType.I64, true), List.of(Instr.of(Op.I64_CONST, 0)), -1));
        out.globals.add(new Global(new GlobalType(ValType.I32, true), List.of(Instr.of(Op.I32_CONST, 0)), -1));

        // exports
        List<Export> exports = new ArrayList<>();
        for (Export e : in.exports) {
            exports.add(e.kind() == WasmModule.K_FUNC ? new Export(e.name(), e.kind(), remap(e.index()), e.offset()) : e);
        }
        exports.add(new Export(Instrumenter.GAS_GLOBAL, WasmModule.K_GLOBAL, gasGlobal, -1));
        exports.add(new Export(Instrumenter.STACK_GLOBAL, WasmModule.K_GLOBAL, stackGlobal, -1));
        if (in.start >= 0) {
            exports.add(new Export(Instrumenter.START_EXPORT, WasmModule.K_FUNC, remap(in.start), -1));
            out.start = -1;
        }
        out.exports = exports;

        // element segments
        List<Elem> elems = new ArrayList<>();
        for (Elem e : in.elems) {
            List<ElemItem> items = new ArrayList<>();
            for (ElemItem item : e.init()) {
                items.add(item.isNull() ? item : new ElemItem(remap(item.func())));
            }
            elems.add(new Elem(e.flags(), e.table(), e.offset(), items, e.byteOffset()));
        }
        out.elems = elems;

        // the platform memory cap
        List<Memory> mems = new ArrayList<>();
        for (Memory mem : in.memories) {
            long cap = p.limits().maxMemoryPages();
            Limits l = mem.limits();
            long max = l.hasMax() ? Math.min(l.max(), cap) : cap;
            mems.add(new Memory(new Limits(l.min(), max), mem.offset()));
        }
        out.memories = mems;

        // names
        List<Custom> customs = new ArrayList<>();
        for (Custom c : in.customs) {
            if (c.name().equals("name")) {
                byte[] renamed = NameSection.renumber(c.payload().toArray(), importedFuncs, 2);
                if (renamed != null) {
                    customs.add(new Custom(c.name(), new WasmModule.Bytes(renamed), c.after()));
                }
            } else {
                customs.add(c);
            }
        }
        out.customs = customs;

        // function bodies
        selfContained = selfContained(in);
        List<Code> codes = new ArrayList<>();
        for (int f = 0; f < in.codes.size(); f++) {
            codes.add(new Body(f).run());
        }
        addGasAccessors(codes);
        out.codes = codes;
        return out;
    }

    /**
     * Two exported functions through which the host sets and reads the remaining gas. The global
     * is exported too, but not every engine binding can reach an exported global (wasmtime-java
     * cannot), while every engine can call an export. They are appended after every other
     * function, so no index moves, and they are not metered.
     */
    private void addGasAccessors(List<Code> codes) {
        long first = importedFuncs + 2L + in.functions.size();
        out.functions.add(typeIndex(List.of(ValType.I64), List.of()));
        codes.add(new Code(List.of(), List.of(Instr.of(Op.LOCAL_GET, 0), Instr.of(Op.GLOBAL_SET, gasGlobal),
                Instr.of(Op.END)), -1));
        out.functions.add(typeIndex(List.of(), List.of(ValType.I64)));
        codes.add(new Code(List.of(), List.of(Instr.of(Op.GLOBAL_GET, gasGlobal), Instr.of(Op.END)), -1));
        out.exports.add(new Export(Instrumenter.GAS_SET_EXPORT, WasmModule.K_FUNC, first, -1));
        out.exports.add(new Export(Instrumenter.GAS_LEFT_EXPORT, WasmModule.K_FUNC, first + 1, -1));
    }

    /**
     * The priced host function behind function index {@code func}: an import with a cost-table
     * entry of the same module, name and signature; null otherwise (then only {@code CALL} is charged).
     */
    static HostCost hostCost(WasmModule m, CostTable costs, long func) {
        Import imp = m.functionImport(func);
        if (imp == null) {
            return null;
        }
        HostCost h = costs.host(imp.module(), imp.name());
        if (h == null || !h.signature().equals(Gate.signature(m.types.get(imp.desc().typeIndex())))) {
            return null;
        }
        return h;
    }

    /** The frame cost of defined function {@code f} (docs/gas.md §Stack height). */
    static long frameCost(WasmModule m, Validator.Analysis a, Profile p, int f) {
        FuncType t = m.types.get(m.functions.get(f));
        return t.params().size() + m.codes.get(f).localCount() + a.maxStack()[f] + p.frameOverhead();
    }

    /**
     * Per defined function (by its position among the defined functions): true when neither it nor
     * any function it can reach through {@code call} contains a {@code call} of an imported function
     * or a {@code call_indirect} (docs/gas.md §4, "self-contained"). Such a function can only return
     * or trap; it can never end the transaction through a host function (revert, abort).
     */
    static boolean[] selfContained(WasmModule m) {
        int imported = m.importedCount(WasmModule.K_FUNC);
        int n = m.codes.size();
        boolean[] open = new boolean[n];
        List<List<Integer>> callers = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            callers.add(new ArrayList<>());
        }
        for (int f = 0; f < n; f++) {
            for (Instr ins : m.codes.get(f).body()) {
                if (ins.op() == Op.CALL_INDIRECT || ins.op() == Op.CALL && ins.a() < imported) {
                    open[f] = true;
                } else if (ins.op() == Op.CALL) {
                    callers.get((int) (ins.a() - imported)).add(f);
                }
            }
        }
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        for (int f = 0; f < n; f++) {
            if (open[f]) {
                work.add(f);
            }
        }
        while (!work.isEmpty()) {
            for (int c : callers.get(work.poll())) {
                if (!open[c]) {
                    open[c] = true;
                    work.add(c);
                }
            }
        }
        boolean[] closed = new boolean[n];
        for (int f = 0; f < n; f++) {
            closed[f] = !open[f];
        }
        return closed;
    }

    /** Rewrites one function body. */
    private final class Body {
        private final int f;
        private final Code code;
        private final FuncType type;
        private final List<Instr> src;
        private final List<Instr> dst = new ArrayList<>();
        private final List<LocalGroup> locals;
        private long nextLocal;
        private final long frame;

        /** The function's own copy of the remaining gas (docs/gas.md §4). */
        private int gasLocal = -1;
        /** The stack height on entry, before this function's frame was added (docs/gas.md §7). */
        private int stackLocal = -1;
        private int i64Scratch = -1;
        private int f32Scratch = -1;
        private int f64Scratch = -1;
        private final int[] i32Scratch = {-1, -1, -1, -1};

        Body(int f) {
            this.f = f;
            this.code = in.codes.get(f);
            this.type = in.types.get(in.functions.get(f));
            this.src = code.body();
            this.locals = new ArrayList<>(code.locals());
            this.nextLocal = type.params().size() + code.localCount();
            this.frame = frameCost(in, analysis, p, f);
        }

        private int newLocal(ValType t) {
            locals.add(new LocalGroup(1, t));
            return (int) nextLocal++;
        }

        private int i64() {
            if (i64Scratch < 0) {
                i64Scratch = newLocal(ValType.I64);
            }
            return i64Scratch;
        }

        private int i32(int k) {
            if (i32Scratch[k] < 0) {
                i32Scratch[k] = newLocal(ValType.I32);
            }
            return i32Scratch[k];
        }

        private void emit(Op op) {
            dst.add(Instr.of(op));
        }

        private void emit(Op op, long a) {
            dst.add(Instr.of(op, a));
        }

        /** {@code if gas < cost: out_of_gas(); gas -= cost} for a constant cost, on the gas local. */
        private void charge(long cost) {
            emit(Op.LOCAL_GET, gasLocal);
            emit(Op.I64_CONST, cost);
            emit(Op.I64_LT_U);
            outOfGasIf();
            emit(Op.LOCAL_GET, gasLocal);
            emit(Op.I64_CONST, cost);
            emit(Op.I64_SUB);
            emit(Op.LOCAL_SET, gasLocal);
        }

        /** The same with the cost on the operand stack (an i64). */
        private void chargeDynamic() {
            int amount = i64();
            emit(Op.LOCAL_SET, amount);
            emit(Op.LOCAL_GET, gasLocal);
            emit(Op.LOCAL_GET, amount);
            emit(Op.I64_LT_U);
            outOfGasIf();
            emit(Op.LOCAL_GET, gasLocal);
            emit(Op.LOCAL_GET, amount);
            emit(Op.I64_SUB);
            emit(Op.LOCAL_SET, gasLocal);
        }

        private void outOfGasIf() {
            emit(Op.IF, Instr.BT_EMPTY);
            emit(Op.CALL, oogFunc);
            emit(Op.UNREACHABLE);
            emit(Op.END);
        }

        /** Writes the gas local back to the gas global (a sync point). */
        private void syncGas() {
            emit(Op.LOCAL_GET, gasLocal);
            emit(Op.GLOBAL_SET, gasGlobal);
        }

        /** Reads the gas global into the gas local (function entry, after a call). */
        private void loadGas() {
            emit(Op.GLOBAL_GET, gasGlobal);
            emit(Op.LOCAL_SET, gasLocal);
        }

        /** Charges {@code perUnit * (unsigned) local} for the i32 in local {@code x}. */
        private void chargePerUnit(int x, long perUnit) {
            emit(Op.LOCAL_GET, x);
            emit(Op.I64_EXTEND_I32_U);
            emit(Op.I64_CONST, perUnit);
            emit(Op.I64_MUL);
            chargeDynamic();
        }

        private void stackEnter() {
            emit(Op.GLOBAL_GET, stackGlobal);
            emit(Op.LOCAL_TEE, stackLocal);
            emit(Op.I32_CONST, frame);
            emit(Op.I32_ADD);
            emit(Op.GLOBAL_SET, stackGlobal);
            // entry height + frame > limit, as entry height > limit - frame (signed: the entry
            // height is in [0, limit], and a frame larger than the limit makes the right side negative)
            emit(Op.LOCAL_GET, stackLocal);
            emit(Op.I32_CONST, p.stackLimit() - frame);
            emit(Op.I32_GT_S);
            emit(Op.IF, Instr.BT_EMPTY);
            emit(Op.CALL, stackFunc);
            emit(Op.UNREACHABLE);
            emit(Op.END);
        }

        private void stackExit() {
            emit(Op.LOCAL_GET, stackLocal);
            emit(Op.GLOBAL_SET, stackGlobal);
        }

        private void canonicalize(ValType t) {
            int x;
            if (t == ValType.F32) {
                if (f32Scratch < 0) {
                    f32Scratch = newLocal(ValType.F32);
                }
                x = f32Scratch;
                emit(Op.LOCAL_TEE, x);
                emit(Op.F32_CONST, Instrumenter.CANONICAL_NAN_F32 & 0xFFFF_FFFFL);
                emit(Op.LOCAL_GET, x);
                emit(Op.LOCAL_GET, x);
                emit(Op.F32_EQ);
            } else {
                if (f64Scratch < 0) {
                    f64Scratch = newLocal(ValType.F64);
                }
                x = f64Scratch;
                emit(Op.LOCAL_TEE, x);
                emit(Op.F64_CONST, Instrumenter.CANONICAL_NAN_F64);
                emit(Op.LOCAL_GET, x);
                emit(Op.LOCAL_GET, x);
                emit(Op.F64_EQ);
            }
            emit(Op.SELECT); // x == x ? x : canonical NaN
        }

        /**
         * For every {@code block}, {@code loop} and {@code if} of the body (by instruction index):
         * whether some {@code br}, {@code br_if} or {@code br_table} of the body names its label.
         */
        private boolean[] targetedLabels() {
            boolean[] targeted = new boolean[src.size()];
            int[] open = new int[src.size() + 1];
            int depth = 0;
            for (int k = 0; k < src.size(); k++) {
                Instr ins = src.get(k);
                switch (ins.op()) {
                    case BLOCK, LOOP, IF -> open[depth++] = k;
                    case END -> depth--;
                    case BR, BR_IF -> markTarget(targeted, open, depth, ins.a());
                    case BR_TABLE -> {
                        for (int l : ins.labels()) {
                            markTarget(targeted, open, depth, l);
                        }
                    }
                    default -> { }
                }
            }
            return targeted;
        }

        private static void markTarget(boolean[] targeted, int[] open, int depth, long label) {
            if (label < depth) { // the function's own label (label == depth) is not an instruction
                targeted[open[depth - 1 - (int) label]] = true;
            }
        }

        /**
         * The static cost of each metered block, indexed by its first instruction; -1 elsewhere
         * (docs/gas.md §4).
         */
        private long[] meteredBlocks() {
            boolean[] targeted = targetedLabels();
            long[] cost = new long[src.size()];
            java.util.Arrays.fill(cost, -1);
            int[] open = new int[src.size() + 1];
            int depth = 0;
            int start = 0;
            cost[0] = 0;
            for (int k = 0; k < src.size(); k++) {
                Instr ins = src.get(k);
                cost[start] += staticCost(ins);
                boolean ends = switch (ins.op()) {
                    case LOOP -> targeted[k];
                    case IF, ELSE, BR, BR_IF, BR_TABLE, RETURN, CALL_INDIRECT, UNREACHABLE -> true;
                    case END -> depth > 0 && (src.get(open[depth - 1]).op() == Op.IF
                            || src.get(open[depth - 1]).op() == Op.BLOCK && targeted[open[depth - 1]]);
                    case CALL -> ins.a() < importedFuncs || !selfContained[(int) (ins.a() - importedFuncs)];
                    default -> false;
                };
                switch (ins.op()) {
                    case BLOCK, LOOP, IF -> open[depth++] = k;
                    case END -> depth = Math.max(0, depth - 1);
                    default -> { }
                }
                if (ends && k + 1 < src.size() - 1) {
                    start = k + 1;
                    cost[start] = 0;
                }
            }
            return cost;
        }

        private long staticCost(Instr ins) {
            long w = costs.weight(ins.op());
            if (ins.op() == Op.CALL && ins.a() < importedFuncs) {
                HostCost h = hostCost(ins.a());
                if (h != null) {
                    w += h.base();
                }
            }
            return w;
        }

        private HostCost hostCost(long func) {
            return Transformer.hostCost(in, costs, func);
        }

        Code run() {
            boolean gas = p.meterGas();
            boolean stack = p.limitStack();
            boolean wrap = gas || stack;
            if (gas) {
                gasLocal = newLocal(ValType.I64);
            }
            if (stack) {
                stackLocal = newLocal(ValType.I32);
            }
            long[] blocks = gas ? meteredBlocks() : null;
            if (stack) {
                stackEnter();
            }
            if (gas) {
                loadGas();
            }
            if (wrap) {
                List<ValType> results = type.results();
                long bt = results.isEmpty() ? Instr.BT_EMPTY
                        : results.size() == 1 ? -results.get(0).code
                        : typeIndex(List.of(), results);
                // the wrapper: every way out of the function (its end, a branch to its label, a
                // return, which becomes such a branch) lands in front of the exit sequence
                emit(Op.BLOCK, bt);
            }
            int last = src.size() - 1; // the function's final end
            int depth = 0; // constructs of the input open around instruction k
            for (int k = 0; k < last; k++) {
                Instr ins = src.get(k);
                if (blocks != null && blocks[k] > 0) {
                    charge(blocks[k]);
                }
                if (gas) {
                    dynamic(ins);
                }
                switch (ins.op()) {
                    case RETURN -> {
                        if (wrap) {
                            emit(Op.BR, depth); // the wrapper's label
                        } else {
                            dst.add(ins);
                        }
                    }
                    case CALL -> {
                        if (gas) {
                            syncGas();
                        }
                        dst.add(ins.withA(remap(ins.a())));
                        if (gas) {
                            loadGas();
                        }
                    }
                    case CALL_INDIRECT -> {
                        if (gas) {
                            syncGas();
                        }
                        dst.add(ins);
                        if (gas) {
                            loadGas();
                        }
                    }
                    default -> dst.add(ins);
                }
                switch (ins.op()) {
                    case BLOCK, LOOP, IF -> depth++;
                    case END -> depth--;
                    default -> { }
                }
                if (p.canonicalizeNans() && ins.op().nanProducing) {
                    canonicalize(ins.op().sig.endsWith("f") ? ValType.F32 : ValType.F64);
                }
            }
            if (blocks != null && blocks[0] > 0 && last == 0) {
                charge(blocks[0]); // a body that is only its final end (its weight, if any)
            }
            if (wrap) {
                emit(Op.END);
            }
            if (gas) {
                syncGas();
            }
            if (stack) {
                stackExit();
            }
            dst.add(src.get(last));
            return new Code(locals, dst, code.offset());
        }

        /** The dynamic part of a charge, right before the instruction. */
        private void dynamic(Instr ins) {
            switch (ins.op()) {
                case MEMORY_GROW -> perUnitOnTop(costs.memoryGrowPerPage());
                case MEMORY_FILL, MEMORY_COPY, MEMORY_INIT -> perUnitOnTop(costs.bulkPerByte());
                case TABLE_INIT, TABLE_COPY -> perUnitOnTop(costs.tablePerElement());
                case CALL -> {
                    if (ins.a() < importedFuncs) {
                        HostCost h = hostCost(ins.a());
                        if (h != null && h.perByte() > 0 && !h.lengthParams().isEmpty()) {
                            hostPerByte(in.functionType(ins.a()), h);
                        }
                    }
                }
                default -> { }
            }
        }

        private void perUnitOnTop(long perUnit) {
            if (perUnit == 0) {
                return;
            }
            int x = i32(0);
            emit(Op.LOCAL_SET, x);
            chargePerUnit(x, perUnit);
            emit(Op.LOCAL_GET, x);
        }

        private void hostPerByte(FuncType t, HostCost h) {
            int n = t.params().size();
            int[] slots = new int[n];
            for (int k = 0; k < n; k++) {
                if (t.params().get(k) != ValType.I32 || k >= i32Scratch.length) {
                    // a priced host function has at most four i32 parameters (checked by the profile tests)
                    throw new IllegalStateException("host function " + h.name() + " has a non-i32 or fifth parameter");
                }
                slots[k] = i32(k);
            }
            for (int k = n - 1; k >= 0; k--) {
                emit(Op.LOCAL_SET, slots[k]);
            }
            boolean first = true;
            for (int idx : h.lengthParams()) {
                emit(Op.LOCAL_GET, slots[idx]);
                emit(Op.I64_EXTEND_I32_U);
                if (!first) {
                    emit(Op.I64_ADD);
                }
                first = false;
            }
            emit(Op.I64_CONST, h.perByte());
            emit(Op.I64_MUL);
            chargeDynamic();
            for (int k = 0; k < n; k++) {
                emit(Op.LOCAL_GET, slots[k]);
            }
        }
    }
}

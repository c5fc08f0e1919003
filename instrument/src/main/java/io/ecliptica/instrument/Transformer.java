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
 * the NaN canonicalization, and the exact rewrites of instructions some engine gets wrong
 * ({@link ExactRewrites}); before all of them, the dropped-active-segment rule
 * ({@link DroppedSegments}) (docs/gas.md).
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
    /** Per defined function: its static cost if it is flat (docs/gas.md §4), else -1. */
    private long[] flatCost;
    /**
     * Per defined function: the index of its entry wrapper (docs/gas.md §7, §10), or -1 if it has
     * none (not exported, not in an element segment, not the start function, or no stack limit).
     */
    private long[] wrapper;

    private Transformer(WasmModule in, Validator.Analysis analysis, Profile p) {
        this.in = in;
        this.analysis = analysis;
        this.p = p;
        this.costs = p.costs();
        this.out = in.copy();
        this.importedFuncs = in.importedCount(WasmModule.K_FUNC);
    }

    static WasmModule transform(WasmModule m, Validator.Analysis a, Profile p) {
        // the redirection changes only data indices, so the analysis (stack depths) still holds
        return new Transformer(DroppedSegments.redirect(m), a, p).run();
    }

    long remap(long func) {
        return func < importedFuncs ? func : func + 2;
    }

    /** The function the host or a table reaches for input function {@code func}: its wrapper, if any. */
    private long entryOf(long func) {
        return func >= importedFuncs && wrapper[(int) (func - importedFuncs)] >= 0
                ? wrapper[(int) (func - importedFuncs)] : remap(func);
    }

    /** First index of each type in the output's type section (a cache of {@code out.types.indexOf}). */
    private final java.util.Map<FuncType, Integer> typeIndices = new java.util.HashMap<>();

    private int typeIndex(List<ValType> params, List<ValType> results) {
        if (typeIndices.isEmpty()) {
            for (int i = out.types.size() - 1; i >= 0; i--) {
                typeIndices.put(out.types.get(i), i); // the first occurrence wins
            }
        }
        FuncType want = new FuncType(List.copyOf(params), List.copyOf(results));
        Integer i = typeIndices.get(want);
        if (i != null) {
            return i;
        }
        out.types.add(want);
        typeIndices.put(want, out.types.size() - 1);
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

        analyseCalls();

        // exports
        List<Export> exports = new ArrayList<>();
        for (Export e : in.exports) {
            exports.add(e.kind() == WasmModule.K_FUNC ? new Export(e.name(), e.kind(), entryOf(e.index()), e.offset()) : e);
        }
        exports.add(new Export(Instrumenter.GAS_GLOBAL, WasmModule.K_GLOBAL, gasGlobal, -1));
        exports.add(new Export(Instrumenter.STACK_GLOBAL, WasmModule.K_GLOBAL, stackGlobal, -1));
        if (in.start >= 0) {
            exports.add(new Export(Instrumenter.START_EXPORT, WasmModule.K_FUNC, entryOf(in.start), -1));
            out.start = -1;
        }
        out.exports = exports;

        // element segments
        List<Elem> elems = new ArrayList<>();
        for (Elem e : in.elems) {
            List<ElemItem> items = new ArrayList<>();
            for (ElemItem item : e.init()) {
                items.add(item.isNull() ? item : new ElemItem(entryOf(item.func())));
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
                byte[] renamed = NameSection.renumber(c.payload().toArray(), importedFuncs, 2, localShiftFrom());
                if (renamed != null) {
                    customs.add(new Custom(c.name(), new WasmModule.Bytes(renamed), c.after()));
                }
            } else {
                customs.add(c);
            }
        }
        out.customs = customs;

        // function bodies; with the stack limit every defined function takes the stack height
        // as an extra last parameter
        List<Code> codes = new ArrayList<>();
        for (int f = 0; f < in.codes.size(); f++) {
            codes.add(new Body(f).run());
            if (p.limitStack()) {
                FuncType t = in.types.get(in.functions.get(f));
                List<ValType> params = new ArrayList<>(t.params());
                params.add(ValType.I32);
                out.functions.set(f, typeIndex(params, t.results()));
            }
        }
        addGasAccessors(codes);
        addWrappers(codes);
        out.codes = codes;
        return out;
    }

    /**
     * Per output function index: the first local index that moves up by one (the defined
     * functions' parameter counts, as the stack-height parameter is inserted after them), or
     * null when no local moves.
     */
    private java.util.function.LongToIntFunction localShiftFrom() {
        if (!p.limitStack()) {
            return null;
        }
        return func -> func >= importedFuncs + 2 && func < importedFuncs + 2 + in.codes.size()
                ? in.types.get(in.functions.get((int) (func - importedFuncs - 2))).params().size()
                : Integer.MAX_VALUE;
    }

    /**
     * The entry wrappers (docs/gas.md §7): for every defined function the host or a table can
     * call, a function of its original type that passes its arguments and the stack height held
     * by the stack global to it. Appended after every other function, in the order of the
     * functions they wrap; not metered.
     */
    private void addWrappers(List<Code> codes) {
        for (int f = 0; f < in.codes.size(); f++) {
            if (wrapper[f] < 0) {
                continue;
            }
            int typeIdx = in.functions.get(f);
            FuncType t = in.types.get(typeIdx);
            if (importedFuncs + 2L + out.functions.size() != wrapper[f]) {
                throw new IllegalStateException("wrapper index of function " + f + " moved");
            }
            out.functions.add(typeIdx);
            List<Instr> body = new ArrayList<>();
            for (int k = 0; k < t.params().size(); k++) {
                body.add(Instr.of(Op.LOCAL_GET, k));
            }
            body.add(Instr.of(Op.GLOBAL_GET, stackGlobal));
            body.add(Instr.of(Op.CALL, remap(importedFuncs + f)));
            body.add(Instr.of(Op.END));
            codes.add(new Code(List.of(), body, -1));
        }
    }

    /** How many functions {@link #addGasAccessors} appends. */
    private static final int ACCESSORS = 3;

    /**
     * Exported functions through which the host sets and reads the remaining gas, and resets the
     * stack height after a trap (a host that keeps using an instance after a trap, like the spec
     * runner, needs it; a trap between a call_indirect and its callee's return leaves the height
     * handed over in the stack global). The globals are exported too, but not every engine
     * binding can reach an exported global (wasmtime-java cannot), while every engine can call an
     * export. They are appended after every defined function, so no index moves, and they are
     * not metered.
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
        out.functions.add(typeIndex(List.of(), List.of()));
        codes.add(new Code(List.of(), List.of(Instr.of(Op.I32_CONST, 0), Instr.of(Op.GLOBAL_SET, stackGlobal),
                Instr.of(Op.END)), -1));
        out.exports.add(new Export(Instrumenter.STACK_RESET_EXPORT, WasmModule.K_FUNC, first + 2, -1));
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

    /**
     * The call analyses of docs/gas.md §4 and §7: which defined functions are self-contained, which
     * are flat (and their cost), which need an entry wrapper.
     */
    private void analyseCalls() {
        int n = in.codes.size();
        selfContained = selfContained(in);
        boolean[] entry = new boolean[n]; // reachable other than by a direct call
        for (Export e : in.exports) {
            if (e.kind() == WasmModule.K_FUNC && e.index() >= importedFuncs) {
                entry[(int) (e.index() - importedFuncs)] = true;
            }
        }
        for (Elem e : in.elems) {
            for (ElemItem item : e.init()) {
                if (!item.isNull() && item.func() >= importedFuncs) {
                    entry[(int) (item.func() - importedFuncs)] = true;
                }
            }
        }
        if (in.start >= importedFuncs) {
            entry[(int) (in.start - importedFuncs)] = true;
        }
        flatCost = new long[n];
        java.util.Arrays.fill(flatCost, -1);
        for (int f = 0; f < n; f++) {
            List<Instr> body = in.codes.get(f).body();
            boolean calls = false;
            boolean dynamic = false;
            for (Instr ins : body) {
                switch (ins.op()) {
                    case CALL, CALL_INDIRECT -> calls = true;
                    case MEMORY_GROW, MEMORY_FILL, MEMORY_COPY, MEMORY_INIT, TABLE_INIT, TABLE_COPY -> dynamic = true;
                    default -> { }
                }
            }
            if (p.meterGas() && !calls && !dynamic && !entry[f]) {
                long[] blocks = meteredBlocks(body);
                if (java.util.Arrays.stream(blocks).filter(c -> c >= 0).count() == 1) {
                    flatCost[f] = blocks[0];
                }
            }
        }
        wrapper = new long[n];
        long next = importedFuncs + 2L + n + ACCESSORS; // after the accessors
        for (int f = 0; f < n; f++) {
            wrapper[f] = p.limitStack() && entry[f] ? next++ : -1;
        }
    }

    private boolean isFlat(long func) {
        return func >= importedFuncs && flatCost[(int) (func - importedFuncs)] >= 0;
    }

    /**
     * For every {@code block}, {@code loop} and {@code if} of a body (by instruction index):
     * whether some {@code br}, {@code br_if} or {@code br_table} of the body names its label.
     */
    private static boolean[] targetedLabels(List<Instr> src) {
        boolean[] targeted = new boolean[src.size()];
        int[] open = new int[src.size() + 1];
        int depth = 0;
        for (int k = 0; k < src.size(); k++) {
            Instr ins = src.get(k);
            switch (ins.op()) {
                case BLOCK, LOOP, IF -> open[depth++] = k;
                case END -> depth = Math.max(0, depth - 1);
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
     * The static cost of each metered block of a body, indexed by its first instruction; -1
     * elsewhere (docs/gas.md §4).
     */
    private long[] meteredBlocks(List<Instr> src) {
        boolean[] targeted = targetedLabels(src);
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

    /** The static weight of an instruction, with a host call's base cost or a flat callee's cost. */
    private long staticCost(Instr ins) {
        long w = costs.weight(ins.op());
        if (ins.op() == Op.CALL && ins.a() < importedFuncs) {
            HostCost h = hostCost(in, costs, ins.a());
            if (h != null) {
                w += h.base();
            }
        } else if (ins.op() == Op.CALL && isFlat(ins.a())) {
            w += flatCost[(int) (ins.a() - importedFuncs)];
        }
        return w;
    }

    /** Rewrites one function body. */
    private final class Body implements ExactRewrites.Scratch {
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
        /** The stack-height parameter: the height on entry, before this function's frame (docs/gas.md §7). */
        private int stackLocal = -1;
        /** Declared locals move up by one past the stack-height parameter. */
        private final int localShift;
        private int f32Scratch = -1;
        private int f64Scratch = -1;
        private final int[] i32Scratch = {-1, -1, -1, -1};

        Body(int f) {
            this.f = f;
            this.code = in.codes.get(f);
            this.type = in.types.get(in.functions.get(f));
            this.src = code.body();
            this.locals = new ArrayList<>(code.locals());
            this.localShift = p.limitStack() ? 1 : 0;
            this.nextLocal = type.params().size() + localShift + code.localCount();
            this.frame = frameCost(in, analysis, p, f);
            if (p.limitStack()) {
                stackLocal = type.params().size();
            }
        }

        /** An input instruction with its local index moved past the stack-height parameter. */
        private Instr local(Instr ins) {
            return localShift != 0 && ins.a() >= type.params().size() ? ins.withA(ins.a() + localShift) : ins;
        }

        private int newLocal(ValType t) {
            locals.add(new LocalGroup(1, t));
            return (int) nextLocal++;
        }

        private int i64Scratch = -1;

        /**
         * The i64 scratch local: a priced host function's one i64 parameter (call_contract's gas), or
         * an exact rewrite's operand (§16); each use ends before the next begins.
         */
        @Override
        public int i64() {
            if (i64Scratch < 0) {
                i64Scratch = newLocal(ValType.I64);
            }
            return i64Scratch;
        }

        @Override
        public int i32(int k) {
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

        /** {@code gas -= cost; if gas < 0: out_of_gas()} for a constant cost, on the gas local. */
        private void charge(long cost) {
            emit(Op.LOCAL_GET, gasLocal);
            emit(Op.I64_CONST, cost);
            chargeOnStack();
        }

        /**
         * The same with the gas local and the cost (an i64) on the operand stack: the remaining gas
         * is at most 2^63 - 1 and every cost below 2^58, so the difference cannot wrap.
         */
        private void chargeOnStack() {
            emit(Op.I64_SUB);
            emit(Op.LOCAL_TEE, gasLocal);
            emit(Op.I64_CONST, 0);
            emit(Op.I64_LT_S);
            outOfGasIf();
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
            emit(Op.LOCAL_GET, gasLocal);
            emit(Op.LOCAL_GET, x);
            emit(Op.I64_EXTEND_I32_U);
            emit(Op.I64_CONST, perUnit);
            emit(Op.I64_MUL);
            chargeOnStack();
        }

        /** {@code if height > limit - frame: stack_exhausted()}, on the stack-height parameter. */
        private void stackEnter() {
            // the height is in [0, limit]; signed, so that a frame larger than the limit always traps
            emit(Op.LOCAL_GET, stackLocal);
            emit(Op.I32_CONST, p.stackLimit() - frame);
            emit(Op.I32_GT_S);
            emit(Op.IF, Instr.BT_EMPTY);
            emit(Op.CALL, stackFunc);
            emit(Op.UNREACHABLE);
            emit(Op.END);
        }

        /** The stack height a callee starts from: this function's entry height plus its frame. */
        private void calleeHeight() {
            emit(Op.LOCAL_GET, stackLocal);
            emit(Op.I32_CONST, frame);
            emit(Op.I32_ADD);
        }

        @Override
        public int f32() {
            if (f32Scratch < 0) {
                f32Scratch = newLocal(ValType.F32);
            }
            return f32Scratch;
        }

        @Override
        public int f64() {
            if (f64Scratch < 0) {
                f64Scratch = newLocal(ValType.F64);
            }
            return f64Scratch;
        }

        /** An input instruction with no rule of its own here: as it is, or its exact rewrite (docs/gas.md §16). */
        private void plain(Instr ins) {
            if (!ExactRewrites.rewrite(ins, dst, this)) {
                dst.add(ins);
            }
        }

        private void canonicalize(ValType t) {
            int x;
            if (t == ValType.F32) {
                x = f32();
                emit(Op.LOCAL_TEE, x);
                emit(Op.F32_CONST, Instrumenter.CANONICAL_NAN_F32 & 0xFFFF_FFFFL);
                emit(Op.LOCAL_GET, x);
                emit(Op.LOCAL_GET, x);
                emit(Op.F32_EQ);
            } else {
                x = f64();
                emit(Op.LOCAL_TEE, x);
                emit(Op.F64_CONST, Instrumenter.CANONICAL_NAN_F64);
                emit(Op.LOCAL_GET, x);
                emit(Op.LOCAL_GET, x);
                emit(Op.F64_EQ);
            }
            emit(Op.SELECT); // x == x ? x : canonical NaN
        }

        private HostCost hostCost(long func) {
            return Transformer.hostCost(in, costs, func);
        }

        // Where the remaining gas is current (docs/gas.md §4, "gas local"): in the gas local, in the
        // gas global, or both. At least one always is. Every label has a fixed requirement (one of
        // the two), which every edge into it meets by a write-back or a reload on that edge.
        private boolean localCurrent;
        private boolean globalCurrent;
        private boolean reachable;

        /** Makes the gas local current (a reload) or the gas global current (a write-back). */
        private void ensure(boolean local) {
            if (!reachable) {
                return;
            }
            if (local && !localCurrent) {
                loadGas();
                localCurrent = true;
            } else if (!local && !globalCurrent) {
                syncGas();
                globalCurrent = true;
            }
        }

        /** Entering a label whose requirement is {@code local} (after {@link #ensure}). */
        private void enterLabel(boolean local) {
            localCurrent = local;
            globalCurrent = !local;
        }

        /** A construct of the input being rewritten. */
        private static final class Frame {
            final Op op;
            /** Requirement of the label: the gas local (true) or the gas global (false) current. */
            final boolean local;
            final boolean hasElse;
            boolean reachableAtIf;
            boolean localAtIf;
            boolean globalAtIf;
            /** Some reachable edge arrives at the end (blocks and ifs). */
            boolean arrived;

            Frame(Op op, boolean local, boolean hasElse) {
                this.op = op;
                this.local = local;
                this.hasElse = hasElse;
            }
        }

        /**
         * For every instruction index: where code that starts there wants the remaining gas (docs/gas.md
         * §4, label requirements): the global (false) if the next thing it does is a call or leaving
         * the function, the local (true) otherwise (a charge, or any other control instruction).
         * One backward pass, so that labels cost linear time.
         */
        private boolean[] wantsLocal(long[] blocks) {
            int last = src.size() - 1;
            boolean[] want = new boolean[src.size() + 1];
            want[last] = false;
            for (int i = last - 1; i >= 0; i--) {
                Instr ins = src.get(i);
                if (blocks[i] > 0 || hasDynamicCost(ins)) {
                    want[i] = true;
                    continue;
                }
                want[i] = switch (ins.op()) {
                    case CALL -> isFlat(ins.a()) && want[i + 1];
                    case CALL_INDIRECT -> false;
                    case LOOP, IF, ELSE, BR, BR_IF, BR_TABLE, RETURN, UNREACHABLE -> true;
                    default -> want[i + 1];
                };
            }
            return want;
        }

        private boolean hasDynamicCost(Instr ins) {
            return switch (ins.op()) {
                case MEMORY_GROW -> costs.memoryGrowPerPage() > 0;
                case MEMORY_FILL, MEMORY_COPY, MEMORY_INIT -> costs.bulkPerByte() > 0;
                case TABLE_INIT, TABLE_COPY -> costs.tablePerElement() > 0;
                case CALL -> {
                    HostCost h = ins.a() < importedFuncs ? hostCost(ins.a()) : null;
                    yield h != null && h.perByte() > 0 && !h.lengthParams().isEmpty();
                }
                default -> false;
            };
        }

        /** A branch to {@code target} from here: meet its requirement (on both paths of a br_if). */
        private void edge(Frame target) {
            if (reachable) {
                ensure(target.local);
                target.arrived = true;
            }
        }

        Code run() {
            boolean gas = p.meterGas() && flatCost[f] < 0; // a flat function is paid for by its callers
            boolean stack = p.limitStack();
            if (gas) {
                gasLocal = newLocal(ValType.I64);
            }
            long[] blocks = gas ? meteredBlocks(src) : null;
            if (stack) {
                stackEnter();
            }
            int last = src.size() - 1; // the function's final end
            int[] matchingEnd = new int[src.size()];
            boolean[] hasElse = new boolean[src.size()];
            int[] open = new int[src.size() + 1];
            int d = 0;
            for (int k = 0; k < last; k++) {
                switch (src.get(k).op()) {
                    case BLOCK, LOOP, IF -> open[d++] = k;
                    case ELSE -> hasElse[open[d - 1]] = true;
                    case END -> matchingEnd[open[--d]] = k;
                    default -> { }
                }
            }
            List<Frame> frames = new ArrayList<>();
            Frame function = null;
            boolean[] wants = gas ? wantsLocal(blocks) : null;
            if (gas) {
                // the gas is current in the global on entry; the local is loaded when first needed
                localCurrent = false;
                globalCurrent = true;
                reachable = true;
                List<ValType> results = type.results();
                long bt = results.isEmpty() ? Instr.BT_EMPTY
                        : results.size() == 1 ? -results.get(0).code
                        : typeIndex(List.of(), results);
                // the wrapper block: every way out of the function (its end, a branch to its
                // label, a return, which becomes such a branch) leaves with the global current
                emit(Op.BLOCK, bt);
                function = new Frame(Op.BLOCK, false, false);
                frames.add(function);
            }
            for (int k = 0; k < last; k++) {
                Instr ins = src.get(k);
                if (!gas) {
                    if (ins.op() == Op.CALL && stack && ins.a() >= importedFuncs) {
                        calleeHeight();
                        dst.add(ins.withA(remap(ins.a())));
                    } else if (ins.op() == Op.CALL) {
                        dst.add(ins.withA(remap(ins.a())));
                    } else if (ins.op() == Op.CALL_INDIRECT && stack) {
                        indirect(ins);
                    } else if (ins.op() == Op.LOCAL_GET || ins.op() == Op.LOCAL_SET || ins.op() == Op.LOCAL_TEE) {
                        dst.add(local(ins));
                    } else {
                        plain(ins);
                    }
                    nan(ins);
                    continue;
                }
                if (blocks[k] > 0) {
                    ensure(true);
                    charge(blocks[k]);
                    globalCurrent = false;
                }
                if (hasDynamicCost(ins)) {
                    ensure(true);
                    dynamic(ins);
                    globalCurrent = false;
                }
                switch (ins.op()) {
                    case BLOCK -> {
                        Frame fr = new Frame(Op.BLOCK, wants[matchingEnd[k] + 1], false);
                        fr.reachableAtIf = reachable;
                        frames.add(fr);
                        dst.add(ins);
                    }
                    case LOOP -> {
                        Frame fr = new Frame(Op.LOOP, wants[k + 1], false);
                        fr.reachableAtIf = reachable;
                        ensure(fr.local); // the header's requirement, met on entry and by every back edge
                        if (reachable) {
                            enterLabel(fr.local);
                        }
                        frames.add(fr);
                        dst.add(ins);
                    }
                    case IF -> {
                        Frame fr = new Frame(Op.IF, wants[matchingEnd[k] + 1], hasElse[k]);
                        if (!fr.hasElse) {
                            edge(fr); // the path that skips the then branch arrives at the end as it is
                        }
                        fr.reachableAtIf = reachable;
                        fr.localAtIf = localCurrent;
                        fr.globalAtIf = globalCurrent;
                        frames.add(fr);
                        dst.add(ins);
                    }
                    case ELSE -> {
                        Frame fr = frames.get(frames.size() - 1);
                        edge(fr); // the then branch arrives at the end
                        dst.add(ins);
                        reachable = fr.reachableAtIf;
                        localCurrent = fr.localAtIf;
                        globalCurrent = fr.globalAtIf;
                    }
                    case END -> {
                        Frame fr = frames.remove(frames.size() - 1);
                        if (fr.op != Op.LOOP) {
                            edge(fr); // the fall-through
                        }
                        dst.add(ins);
                        if (fr.op != Op.LOOP) {
                            reachable = fr.arrived;
                            if (reachable) {
                                enterLabel(fr.local);
                            }
                        }
                    }
                    case BR, BR_IF -> {
                        edge(frames.get(frames.size() - 1 - (int) ins.a()));
                        dst.add(ins);
                        if (ins.op() == Op.BR) {
                            reachable = false;
                        }
                    }
                    case BR_TABLE -> {
                        for (int l : ins.labels()) {
                            edge(frames.get(frames.size() - 1 - l));
                        }
                        dst.add(ins);
                        reachable = false;
                    }
                    case RETURN -> {
                        edge(function);
                        emit(Op.BR, frames.size() - 1); // to the wrapper block
                        reachable = false;
                    }
                    case UNREACHABLE -> {
                        dst.add(ins);
                        reachable = false;
                    }
                    case CALL -> {
                        boolean touches = !isFlat(ins.a()); // a flat callee does not touch the gas
                        if (touches) {
                            ensure(false);
                        }
                        if (stack && ins.a() >= importedFuncs) {
                            calleeHeight();
                        }
                        dst.add(ins.withA(remap(ins.a())));
                        if (touches && reachable) {
                            enterLabel(false); // the callee changed the global
                        }
                    }
                    case CALL_INDIRECT -> {
                        ensure(false);
                        if (stack) {
                            indirect(ins);
                        } else {
                            dst.add(ins);
                        }
                        if (reachable) {
                            enterLabel(false);
                        }
                    }
                    case LOCAL_GET, LOCAL_SET, LOCAL_TEE -> dst.add(local(ins));
                    default -> plain(ins);
                }
                nan(ins);
            }
            if (gas) {
                if (blocks[0] > 0 && last == 0) {
                    ensure(true);
                    charge(blocks[0]); // a body that is only its final end (its weight, if any)
                    globalCurrent = false;
                }
                edge(function); // the fall-through out of the body
                emit(Op.END);
            }
            dst.add(src.get(last));
            return new Code(locals, dst, code.offset());
        }

        private void nan(Instr ins) {
            if (p.canonicalizeNans() && ins.op().nanProducing) {
                canonicalize(ins.op().sig.endsWith("f") ? ValType.F32 : ValType.F64);
            }
        }

        /** call_indirect: the callee's entry wrapper reads the height from the stack global, 0 again after. */
        private void indirect(Instr ins) {
            calleeHeight();
            emit(Op.GLOBAL_SET, stackGlobal);
            dst.add(ins);
            emit(Op.I32_CONST, 0);
            emit(Op.GLOBAL_SET, stackGlobal);
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
            boolean i64Used = false;
            for (int k = 0; k < n; k++) {
                // a priced host function has at most four i32 parameters and one i64 (checked by HostCost)
                if (t.params().get(k) == ValType.I64 && !i64Used) {
                    slots[k] = i64();
                    i64Used = true;
                } else if (t.params().get(k) == ValType.I32 && k < i32Scratch.length) {
                    slots[k] = i32(k);
                } else {
                    throw new IllegalStateException("host function " + h.name() + " has a parameter the per-byte charge cannot save");
                }
            }
            for (int k = n - 1; k >= 0; k--) {
                emit(Op.LOCAL_SET, slots[k]);
            }
            emit(Op.LOCAL_GET, gasLocal);
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
            chargeOnStack();
            for (int k = 0; k < n; k++) {
                emit(Op.LOCAL_GET, slots[k]);
            }
        }
    }
}

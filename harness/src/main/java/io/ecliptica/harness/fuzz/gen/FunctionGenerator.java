package io.ecliptica.harness.fuzz.gen;

import static io.ecliptica.engine.ValueType.F32;
import static io.ecliptica.engine.ValueType.F64;
import static io.ecliptica.engine.ValueType.I32;
import static io.ecliptica.engine.ValueType.I64;

import io.ecliptica.engine.ValueType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Generates one function for {@link ModuleGenerator}: expressions for a required type,
 * statements, and bodies that leave exactly their block's results, with the labels, locals and
 * loop counters in scope. Its choices follow the module-level ones, function after function, from
 * the same entropy.
 */
final class FunctionGenerator {
    private static final Map<ValueType, List<Op>> SIMPLE_BY_RESULT = new EnumMap<>(ValueType.class);

    static {
        for (ValueType t : ValueType.values()) {
            List<Op> ops = new ArrayList<>();
            for (Op op : Op.values()) {
                if (op.simple() && op.family != OpFamily.CONST && op.width == 0 && op.family != OpFamily.MEMORY_SIZE_GROW
                        && op.family != OpFamily.BULK_MEMORY && op.results().equals(List.of(t))) {
                    ops.add(op);
                }
            }
            SIMPLE_BY_RESULT.put(t, List.copyOf(ops));
        }
    }

    private static final List<Op> LOADS = opsOf(OpFamily.LOAD);
    private static final List<Op> STORES = opsOf(OpFamily.STORE);

    private static List<Op> opsOf(OpFamily family) {
        List<Op> out = new ArrayList<>();
        for (Op op : Op.values()) {
            if (op.family == family) {
                out.add(op);
            }
        }
        return List.copyOf(out);
    }

    /** A branch target in scope: its label id and the types a branch to it carries. */
    private record Label(int id, List<ValueType> types) {}

    private final ModuleGenerator.ModuleState m;
    private final Entropy e;
    private final GeneratorConfig cfg;
    private final int id;
    private final FuncSig sig;
    private final List<ValueType> locals = new ArrayList<>();
    /** Loop counters: read freely, written only by their loop. */
    private final List<Integer> reserved = new ArrayList<>();
    /** Innermost last. */
    private final List<Label> labels = new ArrayList<>();
    private int nextLabel = 1;
    private int fuel;

    FunctionGenerator(ModuleGenerator.ModuleState m, int id) {
        this.m = m;
        this.e = m.e;
        this.cfg = m.cfg;
        this.id = id;
        this.sig = m.sigs.get(id);
        this.fuel = cfg.maxNodesPerFunction();
    }

    ModuleAst.Func build() {
        int nLocals = e.nextInt(cfg.maxLocals() + 1);
        for (int i = 0; i < nLocals; i++) {
            locals.add(e.pick(m.types));
        }
        List<Node> body = body(sig.results(), 0);
        return new ModuleAst.Func(id, sig, locals, body);
    }

    // ---- helpers ------------------------------------------------------------------------

    int localCount() {
        return sig.params().size() + locals.size();
    }

    ValueType localType(int i) {
        return i < sig.params().size() ? sig.params().get(i) : locals.get(i - sig.params().size());
    }

    List<Integer> localsOf(ValueType t, boolean writable) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < localCount(); i++) {
            if (localType(i) == t && !(writable && reserved.contains(i))) {
                out.add(i);
            }
        }
        return out;
    }

    List<Integer> globalsOf(ValueType t, boolean writable) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < m.globals.size(); i++) {
            ModuleAst.Global g = m.globals.get(i);
            if (g.type() == t && (!writable || (g.mutable() && i != ModuleGenerator.BUDGET_GLOBAL))) {
                out.add(i);
            }
        }
        return out;
    }

    static Node.Instr instr(Op op, long a, long b, List<Node> args, List<ValueType> results) {
        return new Node.Instr(op, a, b, List.of(), null, args, results);
    }

    static Node.Instr simple(Op op, Node... args) {
        return instr(op, 0, 0, List.of(args), op.results());
    }

    static Node.Instr i32(int v) {
        return Node.constant(I32, v);
    }

    static Node.Instr localGet(int index, ValueType t) {
        return instr(Op.LOCAL_GET, index, 0, List.of(), List.of(t));
    }

    static Node.Instr localSet(int index, Node value) {
        return instr(Op.LOCAL_SET, index, 0, List.of(value), List.of());
    }

    static Node.Instr globalGet(int index, ValueType t) {
        return instr(Op.GLOBAL_GET, index, 0, List.of(), List.of(t));
    }

    static Node drop(Node value) {
        return value.results().isEmpty() ? value : instr(Op.DROP, 0, 0, List.of(value), List.of());
    }

    Node constant(ValueType t) {
        return Node.constant(t, m.constantBits(t));
    }

    Node.Block block(boolean loop, List<ValueType> results, int depth) {
        int label = nextLabel++;
        // A branch to a loop label jumps back to its start: only counted loops offer it.
        labels.add(new Label(loop ? -label : label, results));
        List<Node> body = body(results, depth + 1);
        labels.remove(labels.size() - 1);
        return new Node.Block(loop, label, results, body);
    }

    Node.If ifElse(List<ValueType> results, int depth) {
        Node cond = expr(I32, depth + 1);
        int label = nextLabel++;
        labels.add(new Label(label, results));
        List<Node> then = body(results, depth + 1);
        List<Node> otherwise = results.isEmpty() && !e.nextBoolean() ? List.of() : body(results, depth + 1);
        labels.remove(labels.size() - 1);
        return new Node.If(label, results, cond, then, otherwise);
    }

    List<Label> targets(List<ValueType> types) {
        List<Label> out = new ArrayList<>();
        for (Label l : labels) {
            if (l.id() > 0 && (types == null || l.types().equals(types))) {
                out.add(l);
            }
        }
        return out;
    }

    // ---- bodies, values, expressions ----------------------------------------------------

    List<Node> body(List<ValueType> results, int depth) {
        List<Node> out = new ArrayList<>();
        int n = fuel > 0 && depth < cfg.maxDepth() ? e.nextInt(cfg.maxStatements() + 1) : 0;
        for (int i = 0; i < n; i++) {
            out.add(statement(depth));
        }
        out.addAll(values(results, depth));
        return out;
    }

    /** Nodes whose results, concatenated, are {@code types}. */
    List<Node> values(List<ValueType> types, int depth) {
        if (types.size() >= 2 && fuel > 0 && depth < cfg.maxDepth() && e.chance(150)) {
            List<Integer> callees = calleesReturning(types);
            if (!callees.isEmpty() && e.nextBoolean()) {
                return List.of(call(e.pick(callees), depth));
            }
            return List.of(block(false, types, depth));
        }
        List<Node> out = new ArrayList<>(types.size());
        for (ValueType t : types) {
            out.add(expr(t, depth));
        }
        return out;
    }

    Node leaf(ValueType t) {
        int r = e.nextInt(10);
        if (r >= 8) {
            List<Integer> gs = globalsOf(t, false);
            if (!gs.isEmpty()) {
                return globalGet(e.pick(gs), t);
            }
        } else if (r >= 5) {
            List<Integer> ls = localsOf(t, false);
            if (!ls.isEmpty()) {
                return localGet(e.pick(ls), t);
            }
        }
        return constant(t);
    }

    Node expr(ValueType t, int depth) {
        if (fuel <= 0 || depth >= cfg.maxDepth()) {
            return leaf(t);
        }
        fuel--;
        int r = e.nextInt(100);
        int d = depth + 1;
        if (r < 15) {
            return leaf(t);
        } else if (r < 45 || r >= 90) {
            return simpleOp(t, d);
        } else if (r < 53) {
            if (m.memory != null) {
                return load(t, d);
            }
        } else if (r < 59) {
            Node call = callReturning(t, d);
            if (call != null) {
                return call;
            }
        } else if (r < 62) {
            Node call = callIndirectReturning(t, d);
            if (call != null) {
                return call;
            }
        } else if (r < 66) {
            return block(false, List.of(t), depth);
        } else if (r < 68) {
            return block(true, List.of(t), depth);
        } else if (r < 73) {
            return ifElse(List.of(t), depth);
        } else if (r < 77) {
            return instr(Op.SELECT, 0, 0, List.of(expr(t, d), expr(t, d), expr(I32, d)), List.of(t));
        } else if (r < 80) {
            List<Integer> ls = localsOf(t, true);
            if (!ls.isEmpty()) {
                return instr(Op.LOCAL_TEE, e.pick(ls), 0, List.of(expr(t, d)), List.of(t));
            }
        } else if (r < 83) {
            List<Label> ls = targets(List.of(t));
            if (!ls.isEmpty()) {
                Label l = e.pick(ls);
                return instr(Op.BR_IF, l.id(), 0, List.of(expr(t, d), expr(I32, d)), List.of(t));
            }
        } else if (r < 90) {
            if (t == I32 && m.memory != null) {
                return e.nextBoolean() ? instr(Op.MEMORY_SIZE, 0, 0, List.of(), List.of(I32))
                        : simple(Op.MEMORY_GROW, growDelta(d));
            }
        }
        return simpleOp(t, d);
    }

    Node simpleOp(ValueType t, int depth) {
        List<Op> ops = SIMPLE_BY_RESULT.get(t);
        Op op;
        do {
            op = e.pick(ops);
        } while (!cfg.floats() && op.params().stream().anyMatch(p -> p == F32 || p == F64));
        List<Node> args = new ArrayList<>();
        for (ValueType p : op.params()) {
            args.add(expr(p, depth));
        }
        return instr(op, 0, 0, args, op.results());
    }

    Node growDelta(int depth) {
        return e.chance(cfg.wildArgumentPerMille()) ? expr(I32, depth) : i32(e.nextInt(3));
    }

    // ---- memory ----------------------------------------------------------------------

    /** An address for an access of {@code width} bytes: usually in the first 4 KiB, sometimes anywhere. */
    Node address(int width, int depth) {
        if (e.chance(cfg.wildArgumentPerMille())) {
            return switch (e.nextInt(3)) {
                case 0 -> expr(I32, depth);
                case 1 -> i32((int) Math.max(0, m.memoryBytes() - e.nextInt(2 * width + 1)));
                default -> i32(-1 - e.nextInt(16));
            };
        }
        return i32(m.memoryBytes() == 0 ? e.nextInt(8) : e.nextInt(4096));
    }

    Node load(ValueType t, int depth) {
        List<Op> fits = new ArrayList<>();
        for (Op op : LOADS) {
            if (op.results().get(0) == t) {
                fits.add(op);
            }
        }
        Op op = e.pick(fits);
        return instr(op, memOffset(), alignExponent(op), List.of(address(op.width, depth)), List.of(t));
    }

    Node store(int depth) {
        Op op;
        do {
            op = e.pick(STORES);
        } while (!cfg.floats() && (op == Op.F32_STORE || op == Op.F64_STORE));
        ValueType t = op.params().get(1);
        return instr(op, memOffset(), alignExponent(op), List.of(address(op.width, depth), expr(t, depth)), List.of());
    }

    long memOffset() {
        return e.chance(200) ? e.nextInt(64) : 0;
    }

    int alignExponent(Op op) {
        int natural = Integer.numberOfTrailingZeros(op.width);
        return e.nextInt(natural + 1);
    }

    Node length(int limit, int depth) {
        if (e.chance(cfg.wildArgumentPerMille())) {
            return switch (e.nextInt(3)) {
                case 0 -> expr(I32, depth);
                case 1 -> i32(limit + 1);
                default -> i32(e.between(65, 4096));
            };
        }
        return i32(e.nextInt(65));
    }

    Node bulk(int depth) {
        int r = e.nextInt(4);
        List<Integer> segments = new ArrayList<>();
        for (int i = 0; i < m.data.size(); i++) {
            if (cfg.initFromActiveSegments() || m.data.get(i).passive()) {
                segments.add(i);
            }
        }
        if (r >= 2 && !segments.isEmpty()) {
            int seg = segments.get(e.nextInt(segments.size()));
            if (r == 3) {
                return instr(Op.DATA_DROP, seg, 0, List.of(), List.of());
            }
            int len = m.data.get(seg).length();
            int src = e.nextInt(len + 1);
            Node n = e.chance(cfg.wildArgumentPerMille()) ? length(len, depth) : i32(e.nextInt(len - src + 1));
            return instr(Op.MEMORY_INIT, seg, 0, List.of(address(1, depth), i32(src), n), List.of());
        }
        if (r == 1) {
            return instr(Op.MEMORY_COPY, 0, 0, List.of(address(1, depth), address(1, depth), length(65536, depth)),
                    List.of());
        }
        return instr(Op.MEMORY_FILL, 0, 0, List.of(address(1, depth), expr(I32, depth), length(65536, depth)),
                List.of());
    }

    // ---- calls ------------------------------------------------------------------------

    /** Functions that may be called from here: all of them (later ones and itself go through the guard). */
    List<Integer> calleesReturning(List<ValueType> results) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < m.sigs.size(); i++) {
            if (results == null || m.sigs.get(i).results().equals(results)) {
                out.add(i);
            }
        }
        return out;
    }

    Node callReturning(ValueType t, int depth) {
        List<HostFunc> hosts = new ArrayList<>();
        if (cfg.hostCalls()) {
            for (HostFunc h : HostFunc.values()) {
                if (h.sig.results().equals(List.of(t))) {
                    hosts.add(h);
                }
            }
        }
        List<Integer> callees = calleesReturning(List.of(t));
        if (!hosts.isEmpty() && (callees.isEmpty() || e.nextBoolean())) {
            return hostCall(e.pick(hosts), depth);
        }
        return callees.isEmpty() ? null : call(e.pick(callees), depth);
    }

    /**
     * A call of defined function {@code callee}. A call to an earlier function cannot recurse;
     * any other is guarded by the recursion budget (global 0), unless the configuration lets
     * it through unguarded.
     */
    Node call(int callee, int depth) {
        FuncSig s = m.sigs.get(callee);
        if (callee < id) {
            return instr(Op.CALL, callee, 0, values(s.params(), depth + 1), s.results());
        }
        boolean unguarded = e.chance(cfg.unguardedRecursionPerMille());
        return guarded(s.results(), unguarded, () -> instr(Op.CALL, callee, 0, values(s.params(), depth + 2),
                s.results()));
    }

    /**
     * {@code if (global0 > 0) { global0 -= 1; call } else { defaults }}, the guard that bounds
     * recursion per transaction.
     */
    Node guarded(List<ValueType> results, boolean unguarded, java.util.function.Supplier<Node> call) {
        if (unguarded) {
            return call.get();
        }
        int label = nextLabel++;
        labels.add(new Label(label, results));
        Node cond = simple(Op.I32_GT_S, globalGet(ModuleGenerator.BUDGET_GLOBAL, I32), i32(0));
        Node decrement = instr(Op.GLOBAL_SET, ModuleGenerator.BUDGET_GLOBAL, 0,
                List.of(simple(Op.I32_SUB, globalGet(ModuleGenerator.BUDGET_GLOBAL, I32), i32(1))), List.of());
        List<Node> then = List.of(decrement, call.get());
        List<Node> otherwise = new ArrayList<>();
        for (ValueType t : results) {
            otherwise.add(constant(t));
        }
        labels.remove(labels.size() - 1);
        return new Node.If(label, results, cond, then, otherwise);
    }

    Node callIndirectReturning(ValueType t, int depth) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < m.tableElems.size(); i++) {
            if (t == null || m.sigs.get(m.tableElems.get(i)).results().equals(List.of(t))) {
                slots.add(i);
            }
        }
        if (slots.isEmpty()) {
            return null;
        }
        int slot = e.pick(slots);
        FuncSig s = m.sigs.get(m.tableElems.get(slot));
        boolean unguarded = e.chance(cfg.unguardedRecursionPerMille());
        return guarded(s.results(), unguarded, () -> {
            List<Node> args = new ArrayList<>(values(s.params(), depth + 2));
            // A wild index may be out of the table, uninitialized or of another type: all traps.
            args.add(e.chance(cfg.wildArgumentPerMille()) ? expr(I32, depth + 2) : i32(slot));
            return new Node.Instr(Op.CALL_INDIRECT, 0, 0, List.of(), s, args, s.results());
        });
    }

    Node hostCall(HostFunc h, int depth) {
        List<Node> args = new ArrayList<>();
        for (char role : h.roles.toCharArray()) {
            args.add(switch (role) {
                case 'P' -> address(32, depth + 1);
                case 'K' -> e.chance(cfg.wildArgumentPerMille()) ? length(256, depth + 1) : i32(e.nextInt(9));
                case 'L' -> length(65536, depth + 1);
                case 'O' -> e.chance(cfg.wildArgumentPerMille()) ? expr(I32, depth + 1) : i32(e.nextInt(9));
                default -> throw new IllegalStateException("role " + role);
            });
        }
        return instr(Op.CALL, h.id(), 0, args, h.sig.results());
    }

    Node hostStatement(int depth) {
        HostFunc h;
        if (e.chance(cfg.endCallPerMille())) {
            h = e.nextBoolean() ? HostFunc.REVERT : HostFunc.ABORT;
        } else {
            do {
                h = e.pick(List.of(HostFunc.values()));
            } while (h.ends());
        }
        return drop(hostCall(h, depth));
    }

    // ---- statements ----------------------------------------------------------------------

    Node statement(int depth) {
        if (fuel <= 0) {
            return instr(Op.NOP, 0, 0, List.of(), List.of());
        }
        fuel--;
        int d = depth + 1;
        int r = e.nextInt(100);
        if (r < 10 || r >= 90) {
            int local = e.nextInt(Math.max(1, localCount()));
            if (localCount() > 0 && !reserved.contains(local)) {
                return localSet(local, expr(localType(local), d));
            }
        } else if (r < 15) {
            ValueType t = e.pick(m.types);
            List<Integer> gs = globalsOf(t, true);
            if (!gs.isEmpty()) {
                return instr(Op.GLOBAL_SET, e.pick(gs), 0, List.of(expr(t, d)), List.of());
            }
        } else if (r < 25) {
            return drop(expr(e.pick(m.types), d));
        } else if (r < 35) {
            if (m.memory != null) {
                return store(d);
            }
        } else if (r < 43) {
            if (cfg.hostCalls()) {
                return hostStatement(d);
            }
        } else if (r < 47) {
            if (cfg.bulkMemory() && m.memory != null) {
                return bulk(d);
            }
        } else if (r < 53) {
            return drop(call(e.nextInt(m.sigs.size()), d));
        } else if (r < 56) {
            Node call = callIndirectReturning(null, d);
            if (call != null) {
                return drop(call);
            }
        } else if (r < 60) {
            return block(false, List.of(), depth);
        } else if (r < 64) {
            return ifElse(List.of(), depth);
        } else if (r < 72) {
            return loop(depth);
        } else if (r < 76) {
            List<Label> ls = targets(null);
            if (!ls.isEmpty()) {
                Label l = e.pick(ls);
                List<Node> args = new ArrayList<>(values(l.types(), d));
                args.add(expr(I32, d));
                return drop(instr(Op.BR_IF, l.id(), 0, args, l.types()));
            }
        } else if (r < 78) {
            return jump(d);
        } else if (r < 79) {
            if (e.chance(cfg.unreachablePerMille() * 10)) {
                return instr(Op.UNREACHABLE, 0, 0, List.of(), List.of());
            }
        } else if (r < 81) {
            return instr(Op.NOP, 0, 0, List.of(), List.of());
        }
        return drop(expr(e.pick(m.types), d));
    }

    /** {@code br}, {@code br_table} or {@code return}: leaves the rest of the body unreachable. */
    Node jump(int depth) {
        List<Label> ls = targets(null);
        int r = e.nextInt(3);
        if (r == 0 || ls.isEmpty()) {
            return instr(Op.RETURN, 0, 0, values(sig.results(), depth), List.of());
        }
        Label l = e.pick(ls);
        List<Node> args = new ArrayList<>(values(l.types(), depth));
        if (r == 1) {
            return instr(Op.BR, l.id(), 0, args, List.of());
        }
        List<Label> same = targets(l.types());
        int n = e.nextInt(4);
        List<Integer> table = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            table.add(e.pick(same).id());
        }
        args.add(e.chance(cfg.wildArgumentPerMille()) ? expr(I32, depth) : i32(e.nextInt(n + 2)));
        return new Node.Instr(Op.BR_TABLE, l.id(), 0, table, null, args, List.of());
    }

    /**
     * A loop statement. Counted (usually): a fresh counter local, incremented at the top of
     * the body so that a branch back to the loop (allowed from inside) also counts, and a
     * {@code br_if} back while it is below the bound. Otherwise a loop that only a trap, a
     * branch out or the gas limit ends.
     */
    Node loop(int depth) {
        boolean counted = !e.chance(cfg.unboundedLoopPerMille());
        int exit = nextLabel++;
        int loop = nextLabel++;
        List<Node> outer = new ArrayList<>();
        List<Node> inner = new ArrayList<>();
        int counter = -1;
        if (counted) {
            counter = localCount();
            locals.add(I32);
            reserved.add(counter);
            outer.add(localSet(counter, i32(0)));
            inner.add(localSet(counter, simple(Op.I32_ADD, localGet(counter, I32), i32(1))));
        }
        labels.add(new Label(exit, List.of()));
        labels.add(new Label(counted ? loop : -loop, List.of()));
        inner.addAll(body(List.of(), depth + 2));
        if (counted) {
            int bound = e.between(1, cfg.maxLoopIterations());
            inner.add(instr(Op.BR_IF, loop, 0,
                    List.of(simple(Op.I32_LT_U, localGet(counter, I32), i32(bound))), List.of()));
        } else {
            inner.add(instr(Op.BR, loop, 0, List.of(), List.of()));
        }
        labels.remove(labels.size() - 1);
        labels.remove(labels.size() - 1);
        outer.add(new Node.Block(true, loop, List.of(), inner));
        return new Node.Block(false, exit, List.of(), outer);
    }
}

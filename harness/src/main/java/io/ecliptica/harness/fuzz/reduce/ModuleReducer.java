package io.ecliptica.harness.fuzz.reduce;

import io.ecliptica.engine.ValueType;
import io.ecliptica.harness.fuzz.gen.GeneratedModule;
import io.ecliptica.harness.fuzz.gen.ModuleAst;
import io.ecliptica.harness.fuzz.gen.Node;
import io.ecliptica.harness.fuzz.gen.Op;
import io.ecliptica.instrument.Instrumenter;
import io.ecliptica.instrument.ModuleRejectedException;
import io.ecliptica.instrument.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a generated module while a property holds (docs/fuzzing.md §"Module reducer"). Greedy
 * and deterministic: passes from coarse to fine (exports, whole function bodies, unused functions,
 * table, data segments, memory, chunks of statements, then every node in pre-order: delete a
 * statement, replace a value by a constant, hoist an operand of the same type, unwrap a block or
 * an {@code if}; then unused locals and globals), each edit kept only if the module gets strictly
 * smaller and the property still holds, repeated until a whole round changes nothing or the test
 * budget is spent. Every candidate is valid by construction of the edit and is also checked by the
 * {@code ecliptica-v1} preparation before the property sees it, so the property never runs on an
 * invalid module.
 */
public final class ModuleReducer {

    private final Predicate<GeneratedModule> interesting;
    private final int maxTests;
    private GeneratedModule current;
    private int tests;

    private ModuleReducer(GeneratedModule start, Predicate<GeneratedModule> interesting, int maxTests) {
        this.current = start;
        this.interesting = interesting;
        this.maxTests = maxTests;
    }

    /**
     * Greedy/delta reduction keeping every candidate valid; returns the smallest module for which
     * stillInteresting holds (the input itself if nothing smaller is). Deterministic.
     *
     * @param maxTests how many times the property may be evaluated (candidates refused by the
     *     preparation do not count)
     */
    public static GeneratedModule reduce(GeneratedModule m, Predicate<GeneratedModule> stillInteresting, int maxTests) {
        ModuleReducer r = new ModuleReducer(m, stillInteresting, maxTests);
        r.run();
        return r.current;
    }

    private boolean budgetLeft() {
        return tests < maxTests;
    }

    private void run() {
        boolean progress = true;
        while (progress && budgetLeft()) {
            progress = false;
            progress |= removeExports();
            progress |= minimizeFunctionBodies();
            progress |= removeUnusedFunctions();
            progress |= removeData();
            progress |= removeMemory();
            progress |= deleteStatementChunks();
            progress |= editNodes();
            progress |= removeUnusedLocals();
            progress |= removeUnusedGlobals();
        }
    }

    /** Keeps {@code candidate} if it is valid, smaller, and still interesting. */
    private boolean tryAccept(ModuleAst candidate) {
        if (candidate == null || !budgetLeft()) {
            return false;
        }
        GeneratedModule m;
        try {
            m = GeneratedModule.of(candidate);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return false; // a reference the edit left dangling: not a module
        }
        if (m.size() >= current.size()) {
            return false;
        }
        try {
            Instrumenter.prepare(m.wasm(), Profile.ECLIPTICA_V1);
        } catch (ModuleRejectedException e) {
            return false;
        }
        tests++;
        if (interesting.test(m)) {
            current = m;
            return true;
        }
        return false;
    }

    private ModuleAst ast() {
        return current.ast();
    }

    private static ModuleAst with(ModuleAst a, List<ModuleAst.Func> funcs, ModuleAst.Memory memory, int tableSize,
            List<Integer> elems, List<ModuleAst.DataSegment> data, List<ModuleAst.Export> exports) {
        return new ModuleAst(funcs, a.globals(), memory, tableSize, elems, data, exports);
    }

    // ---- module-level passes ----------------------------------------------------------------

    private boolean removeExports() {
        boolean progress = false;
        for (int i = ast().exports().size() - 1; i >= 0 && budgetLeft(); i--) {
            List<ModuleAst.Export> exports = new ArrayList<>(ast().exports());
            exports.remove(i);
            ModuleAst a = ast();
            progress |= tryAccept(with(a, a.funcs(), a.memory(), a.tableSize(), a.tableElems(), a.data(), exports));
        }
        return progress;
    }

    static List<Node> constants(List<ValueType> types) {
        List<Node> out = new ArrayList<>();
        for (ValueType t : types) {
            out.add(zero(t));
        }
        return out;
    }

    static Node zero(ValueType t) {
        Op op = switch (t) {
            case I32 -> Op.I32_CONST;
            case I64 -> Op.I64_CONST;
            case F32 -> Op.F32_CONST;
            case F64 -> Op.F64_CONST;
        };
        return new Node.Instr(op, 0, 0, List.of(), null, List.of(), List.of(t));
    }

    private boolean minimizeFunctionBodies() {
        boolean progress = false;
        for (int i = 0; i < ast().funcs().size() && budgetLeft(); i++) {
            ModuleAst.Func f = ast().funcs().get(i);
            List<ModuleAst.Func> funcs = new ArrayList<>(ast().funcs());
            funcs.set(i, new ModuleAst.Func(f.id(), f.sig(), List.of(), constants(f.sig().results())));
            progress |= tryAccept(Trees.withFuncs(ast(), funcs));
        }
        return progress;
    }

    private boolean removeUnusedFunctions() {
        boolean progress = false;
        ModuleAst a = ast();
        // Table entries first (each one can keep a function alive), then the table itself.
        for (int i = a.tableElems().size() - 1; i >= 0 && budgetLeft(); i--) {
            a = ast();
            List<Integer> elems = new ArrayList<>(a.tableElems());
            elems.remove(i);
            progress |= tryAccept(with(a, a.funcs(), a.memory(), a.tableSize(), elems, a.data(), a.exports()));
        }
        a = ast();
        if (a.tableSize() > Math.max(1, a.tableElems().size())) {
            progress |= tryAccept(with(a, a.funcs(), a.memory(), Math.max(1, a.tableElems().size()), a.tableElems(),
                    a.data(), a.exports()));
        }
        a = ast();
        if (a.tableSize() > 0 && !Trees.anyInModule(a, n -> n instanceof Node.Instr i && i.op() == Op.CALL_INDIRECT)) {
            progress |= tryAccept(with(a, a.funcs(), a.memory(), 0, List.of(), a.data(), a.exports()));
        }
        for (int i = ast().funcs().size() - 1; i >= 0 && budgetLeft(); i--) {
            a = ast();
            int id = a.funcs().get(i).id();
            boolean used = a.exports().stream().anyMatch(e -> e.funcId() == id) || a.tableElems().contains(id)
                    || Trees.anyInModule(a, n -> n instanceof Node.Instr x && x.op() == Op.CALL && x.a() == id);
            if (!used) {
                List<ModuleAst.Func> funcs = new ArrayList<>(a.funcs());
                funcs.remove(i);
                progress |= tryAccept(Trees.withFuncs(a, funcs));
            }
        }
        return progress;
    }

    private static boolean namesSegment(Node n) {
        return n instanceof Node.Instr i && (i.op() == Op.MEMORY_INIT || i.op() == Op.DATA_DROP);
    }

    private boolean removeData() {
        boolean progress = false;
        for (int k = ast().data().size() - 1; k >= 0 && budgetLeft(); k--) {
            ModuleAst a = ast();
            final int seg = k;
            if (Trees.anyInModule(a, n -> namesSegment(n) && ((Node.Instr) n).a() == seg)) {
                continue;
            }
            List<ModuleAst.DataSegment> data = new ArrayList<>(a.data());
            data.remove(k);
            List<ModuleAst.Func> funcs = new ArrayList<>();
            for (ModuleAst.Func f : a.funcs()) {
                funcs.add(f.withBody(Trees.map(f.body(), n -> namesSegment(n) && ((Node.Instr) n).a() > seg
                        ? new Node.Instr(((Node.Instr) n).op(), ((Node.Instr) n).a() - 1, 0, List.of(), null,
                                ((Node.Instr) n).args(), List.of())
                        : n)));
            }
            progress |= tryAccept(with(a, funcs, a.memory(), a.tableSize(), a.tableElems(), data, a.exports()));
        }
        for (int k = 0; k < ast().data().size() && budgetLeft(); k++) {
            ModuleAst a = ast();
            ModuleAst.DataSegment d = a.data().get(k);
            while (d.length() > 1 && budgetLeft()) {
                byte[] half = java.util.Arrays.copyOf(d.bytes(), d.length() / 2);
                List<ModuleAst.DataSegment> data = new ArrayList<>(a.data());
                data.set(k, new ModuleAst.DataSegment(d.passive(), d.offset(), half));
                if (!tryAccept(with(a, a.funcs(), a.memory(), a.tableSize(), a.tableElems(), data, a.exports()))) {
                    break;
                }
                progress = true;
                a = ast();
                d = a.data().get(k);
            }
        }
        return progress;
    }

    private boolean removeMemory() {
        ModuleAst a = ast();
        if (a.memory() == null) {
            return false;
        }
        boolean usesMemory = !a.data().isEmpty() || Trees.anyInModule(a, n -> n instanceof Node.Instr i
                && (i.op().width > 0 || i.op().family == io.ecliptica.harness.fuzz.gen.OpFamily.MEMORY_SIZE_GROW
                        || i.op().family == io.ecliptica.harness.fuzz.gen.OpFamily.BULK_MEMORY));
        if (!usesMemory && tryAccept(with(a, a.funcs(), null, a.tableSize(), a.tableElems(), a.data(), a.exports()))) {
            return true;
        }
        a = ast();
        if (a.memory() != null && a.memory().exported()) {
            ModuleAst.Memory m = new ModuleAst.Memory(a.memory().minPages(), a.memory().maxPages(), false);
            return tryAccept(with(a, a.funcs(), m, a.tableSize(), a.tableElems(), a.data(), a.exports()));
        }
        return false;
    }

    private boolean removeUnusedLocals() {
        boolean progress = false;
        for (int fi = 0; fi < ast().funcs().size() && budgetLeft(); fi++) {
            for (int li = ast().funcs().get(fi).locals().size() - 1; li >= 0 && budgetLeft(); li--) {
                ModuleAst.Func f = ast().funcs().get(fi);
                final int index = f.sig().params().size() + li;
                if (Trees.any(f.body(), n -> isLocal(n) && ((Node.Instr) n).a() == index)) {
                    continue;
                }
                List<ValueType> locals = new ArrayList<>(f.locals());
                locals.remove(li);
                List<Node> body = Trees.map(f.body(), n -> isLocal(n) && ((Node.Instr) n).a() > index
                        ? withA((Node.Instr) n, ((Node.Instr) n).a() - 1) : n);
                List<ModuleAst.Func> funcs = new ArrayList<>(ast().funcs());
                funcs.set(fi, new ModuleAst.Func(f.id(), f.sig(), locals, body));
                progress |= tryAccept(Trees.withFuncs(ast(), funcs));
            }
        }
        return progress;
    }

    private boolean removeUnusedGlobals() {
        boolean progress = false;
        for (int k = ast().globals().size() - 1; k >= 0 && budgetLeft(); k--) {
            ModuleAst a = ast();
            final int index = k;
            if (Trees.anyInModule(a, n -> isGlobal(n) && ((Node.Instr) n).a() == index)) {
                continue;
            }
            List<ModuleAst.Global> globals = new ArrayList<>(a.globals());
            globals.remove(k);
            List<ModuleAst.Func> funcs = new ArrayList<>();
            for (ModuleAst.Func f : a.funcs()) {
                funcs.add(f.withBody(Trees.map(f.body(), n -> isGlobal(n) && ((Node.Instr) n).a() > index
                        ? withA((Node.Instr) n, ((Node.Instr) n).a() - 1) : n)));
            }
            progress |= tryAccept(new ModuleAst(funcs, globals, a.memory(), a.tableSize(), a.tableElems(), a.data(),
                    a.exports()));
        }
        return progress;
    }

    private static boolean isGlobal(Node n) {
        return n instanceof Node.Instr i && (i.op() == Op.GLOBAL_GET || i.op() == Op.GLOBAL_SET);
    }

    private static boolean isLocal(Node n) {
        return n instanceof Node.Instr i && (i.op() == Op.LOCAL_GET || i.op() == Op.LOCAL_SET || i.op() == Op.LOCAL_TEE);
    }

    private static Node.Instr withA(Node.Instr i, long a) {
        return new Node.Instr(i.op(), a, i.b(), i.targets(), i.sig(), i.args(), i.results());
    }

    // ---- tree passes ---------------------------------------------------------------------------

    /**
     * Delta debugging over each node list: delete runs of consecutive statements, halves first,
     * then quarters, down to single statements (which the node pass also covers).
     */
    private boolean deleteStatementChunks() {
        boolean progress = false;
        for (int li = 0; li < Trees.lists(ast()).size() && budgetLeft(); li++) {
            List<Node> list = Trees.lists(ast()).get(li);
            for (int chunk = Math.max(1, list.size() / 2); chunk >= 2 && budgetLeft(); chunk /= 2) {
                for (int start = 0; start + chunk <= list.size() && budgetLeft(); ) {
                    List<Node> slice = list.subList(start, start + chunk);
                    if (slice.stream().allMatch(n -> n.results().isEmpty())) {
                        List<Node> shorter = new ArrayList<>(list.subList(0, start));
                        shorter.addAll(list.subList(start + chunk, list.size()));
                        if (tryAccept(Trees.replaceList(ast(), li, shorter))) {
                            progress = true;
                            list = Trees.lists(ast()).get(li);
                            continue;
                        }
                    }
                    start += chunk;
                }
            }
        }
        return progress;
    }

    private boolean editNodes() {
        boolean progress = false;
        int position = 0;
        while (budgetLeft()) {
            List<Trees.Located> nodes = Trees.nodes(ast());
            if (position >= nodes.size()) {
                break;
            }
            boolean changed = false;
            for (List<Node> replacement : candidates(nodes.get(position))) {
                if (tryAccept(Trees.replace(ast(), position, replacement))) {
                    changed = true;
                    break;
                }
            }
            if (changed) {
                progress = true; // look at the same position again: it holds the replacement now
            } else {
                position++;
            }
        }
        return progress;
    }

    /** Smaller replacements for a node, most aggressive first; each leaves the same values. */
    private static List<List<Node>> candidates(Trees.Located at) {
        Node n = at.node();
        List<List<Node>> out = new ArrayList<>();
        if (n.results().isEmpty()) {
            out.add(List.of());
        } else if (!(n instanceof Node.Instr i && i.op().family == io.ecliptica.harness.fuzz.gen.OpFamily.CONST)) {
            out.add(constants(n.results()));
        }
        switch (n) {
            case Node.Instr i -> {
                for (Node arg : i.args()) {
                    if (!n.results().isEmpty() && arg.results().equals(n.results())) {
                        out.add(List.of(arg));
                    }
                }
                List<Node> statements = new ArrayList<>();
                for (Node arg : i.args()) {
                    if (arg.results().isEmpty()) {
                        statements.add(arg);
                    }
                }
                if (!statements.isEmpty()) {
                    // Operands that are statements (a reduction moved them there) may matter on their own.
                    statements.addAll(constants(n.results()));
                    out.add(statements);
                }
                if (i.op() != Op.DROP && !i.args().isEmpty()) {
                    // Drop the operation but keep what its operands do (each operand dropped or, if
                    // a statement a reduction moved there, kept), then constants for its results.
                    List<Node> unwrapped = new ArrayList<>();
                    for (Node arg : i.args()) {
                        unwrapped.add(arg.results().isEmpty() ? arg
                                : new Node.Instr(Op.DROP, 0, 0, List.of(), null, List.of(arg), List.of()));
                    }
                    unwrapped.addAll(constants(n.results()));
                    out.add(unwrapped);
                }
            }
            case Node.Block b -> {
                if (!Trees.branchesTo(b.body(), b.label())) {
                    out.add(b.body());
                }
            }
            case Node.If f -> {
                Node dropCond = new Node.Instr(Op.DROP, 0, 0, List.of(), null, List.of(f.cond()), List.of());
                for (List<Node> branch : List.of(f.then(), f.otherwise())) {
                    if (!Trees.branchesTo(branch, f.label()) && (!branch.isEmpty() || f.results().isEmpty())) {
                        List<Node> r = new ArrayList<>();
                        r.add(dropCond);
                        r.addAll(branch);
                        out.add(r);
                    }
                }
            }
        }
        if (at.cond()) {
            out.removeIf(r -> r.size() != 1);
        }
        return out;
    }
}

package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The module with every reference resolved to an index: the imports (host functions called, in
 * {@link HostFunc} order), the type section (in order of first use: imports, functions, then block
 * and {@code call_indirect} types as they occur in the bodies) and each body as a flat instruction
 * sequence. Both the binary encoder and the text printer read this, so they cannot disagree.
 */
final class Lowering {

    /** One flat instruction. {@code blockType}: null except for block/loop/if. */
    record Flat(Op op, long a, long b, int[] targets, List<ValueType> blockType) {}

    final ModuleAst ast;
    final List<HostFunc> imports;
    final List<FuncSig> types = new ArrayList<>();
    private final Map<FuncSig, Integer> typeIndex = new LinkedHashMap<>();
    private final Map<Long, Integer> funcIndex = new HashMap<>();
    final List<List<Flat>> bodies = new ArrayList<>();
    /** True when code names a data segment ({@code memory.init}, {@code data.drop}): the data count section is needed. */
    boolean usesDataIndex;

    Lowering(ModuleAst ast) {
        this.ast = ast;
        TreeSet<HostFunc> used = new TreeSet<>();
        for (ModuleAst.Func f : ast.funcs()) {
            collectHost(f.body(), used);
        }
        this.imports = List.copyOf(used);
        int index = 0;
        for (HostFunc h : imports) {
            typeIndex(h.sig);
            funcIndex.put((long) h.id(), index++);
        }
        for (ModuleAst.Func f : ast.funcs()) {
            typeIndex(f.sig());
            funcIndex.put((long) f.id(), index++);
        }
        for (ModuleAst.Func f : ast.funcs()) {
            List<Flat> out = new ArrayList<>();
            Deque<Integer> labels = new ArrayDeque<>();
            for (Node n : f.body()) {
                emit(n, labels, out);
            }
            bodies.add(out);
        }
    }

    private static void collectHost(List<Node> nodes, TreeSet<HostFunc> used) {
        for (Node n : nodes) {
            switch (n) {
                case Node.Instr i -> {
                    if (i.op() == Op.CALL && HostFunc.isHost(i.a())) {
                        used.add(HostFunc.ofId(i.a()));
                    }
                    collectHost(i.args(), used);
                }
                case Node.Block b -> collectHost(b.body(), used);
                case Node.If f -> {
                    collectHost(List.of(f.cond()), used);
                    collectHost(f.then(), used);
                    collectHost(f.otherwise(), used);
                }
            }
        }
    }

    int typeIndex(FuncSig sig) {
        Integer i = typeIndex.get(sig);
        if (i == null) {
            i = types.size();
            types.add(sig);
            typeIndex.put(sig, i);
        }
        return i;
    }

    int funcIndex(long id) {
        Integer i = funcIndex.get(id);
        if (i == null) {
            throw new IllegalStateException("call of a function that does not exist: id " + id);
        }
        return i;
    }

    /** Type index of a block type with several results (single results are written inline). */
    int blockTypeIndex(List<ValueType> results) {
        return typeIndex(new FuncSig(List.of(), results));
    }

    private static int depth(Deque<Integer> labels, long label) {
        int d = 0;
        for (int l : labels) {
            if (l == label) {
                return d;
            }
            d++;
        }
        throw new IllegalStateException("branch to label " + label + " outside its block");
    }

    private void emit(Node node, Deque<Integer> labels, List<Flat> out) {
        switch (node) {
            case Node.Instr i -> {
                for (Node arg : i.args()) {
                    emit(arg, labels, out);
                }
                switch (i.op()) {
                    case DROP -> {
                        // One drop per value its operands leave (a multi-value operand, or operands a
                        // reduction left as several nodes).
                        int n = 0;
                        for (Node arg : i.args()) {
                            n += arg.results().size();
                        }
                        for (int k = 0; k < n; k++) {
                            out.add(new Flat(Op.DROP, 0, 0, null, null));
                        }
                    }
                    case BR, BR_IF -> out.add(new Flat(i.op(), depth(labels, i.a()), 0, null, null));
                    case BR_TABLE -> {
                        int[] t = new int[i.targets().size()];
                        for (int k = 0; k < t.length; k++) {
                            t[k] = depth(labels, i.targets().get(k));
                        }
                        out.add(new Flat(Op.BR_TABLE, depth(labels, i.a()), 0, t, null));
                    }
                    case CALL -> out.add(new Flat(Op.CALL, funcIndex(i.a()), 0, null, null));
                    case CALL_INDIRECT -> out.add(new Flat(Op.CALL_INDIRECT, typeIndex(i.sig()), 0, null, null));
                    default -> {
                        usesDataIndex |= i.op() == Op.MEMORY_INIT || i.op() == Op.DATA_DROP;
                        out.add(new Flat(i.op(), i.a(), i.b(), null, null));
                    }
                }
            }
            case Node.Block b -> {
                if (b.results().size() > 1) {
                    blockTypeIndex(b.results());
                }
                out.add(new Flat(b.loop() ? Op.LOOP : Op.BLOCK, 0, 0, null, b.results()));
                labels.push(b.label());
                for (Node n : b.body()) {
                    emit(n, labels, out);
                }
                labels.pop();
                out.add(new Flat(Op.END, 0, 0, null, null));
            }
            case Node.If f -> {
                emit(f.cond(), labels, out);
                if (f.results().size() > 1) {
                    blockTypeIndex(f.results());
                }
                out.add(new Flat(Op.IF, 0, 0, null, f.results()));
                labels.push(f.label());
                for (Node n : f.then()) {
                    emit(n, labels, out);
                }
                if (!f.otherwise().isEmpty()) {
                    out.add(new Flat(Op.ELSE, 0, 0, null, null));
                    for (Node n : f.otherwise()) {
                        emit(n, labels, out);
                    }
                }
                labels.pop();
                out.add(new Flat(Op.END, 0, 0, null, null));
            }
        }
    }
}

package io.ecliptica.harness.fuzz.reduce;

import io.ecliptica.harness.fuzz.gen.ModuleAst;
import io.ecliptica.harness.fuzz.gen.Node;
import io.ecliptica.harness.fuzz.gen.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Positions and rewrites in a module's instruction trees. A position is the index of a node in
 * pre-order over all function bodies (a node before its operands and bodies, functions in order);
 * a list position indexes the node lists (bodies, branches, operand lists) in the same order.
 */
final class Trees {
    private Trees() {}

    /** A node at a position; {@code cond} when it is an {@code if} condition (must stay one node). */
    record Located(Node node, boolean cond) {}

    static List<Located> nodes(ModuleAst ast) {
        List<Located> out = new ArrayList<>();
        for (ModuleAst.Func f : ast.funcs()) {
            collect(f.body(), out);
        }
        return out;
    }

    private static void collect(List<Node> nodes, List<Located> out) {
        for (Node n : nodes) {
            out.add(new Located(n, false));
            children(n, out);
        }
    }

    private static void children(Node n, List<Located> out) {
        switch (n) {
            case Node.Instr i -> collect(i.args(), out);
            case Node.Block b -> collect(b.body(), out);
            case Node.If f -> {
                out.add(new Located(f.cond(), true));
                children(f.cond(), out);
                collect(f.then(), out);
                collect(f.otherwise(), out);
            }
        }
    }

    /** The module with the node at {@code position} replaced by {@code replacement}; null if not possible. */
    static ModuleAst replace(ModuleAst ast, int position, List<Node> replacement) {
        Rewriter r = new Rewriter(position, replacement);
        List<ModuleAst.Func> funcs = new ArrayList<>();
        for (ModuleAst.Func f : ast.funcs()) {
            funcs.add(f.withBody(r.list(f.body())));
        }
        return r.applied && !r.impossible ? withFuncs(ast, funcs) : null;
    }

    private static final class Rewriter {
        final int target;
        final List<Node> replacement;
        int counter;
        boolean applied;
        boolean impossible;

        Rewriter(int target, List<Node> replacement) {
            this.target = target;
            this.replacement = replacement;
        }

        List<Node> list(List<Node> nodes) {
            List<Node> out = new ArrayList<>(nodes.size());
            for (Node n : nodes) {
                if (counter++ == target) {
                    out.addAll(replacement);
                    applied = true;
                } else {
                    out.add(node(n));
                }
            }
            return out;
        }

        Node node(Node n) {
            if (applied || counter > target) {
                return n;
            }
            return switch (n) {
                case Node.Instr i -> i.args().isEmpty() ? i : i.withArgs(list(i.args()));
                case Node.Block b -> b.withBody(list(b.body()));
                case Node.If f -> {
                    Node cond;
                    if (counter++ == target) {
                        applied = true;
                        impossible = replacement.size() != 1;
                        cond = impossible ? f.cond() : replacement.get(0);
                    } else {
                        cond = node(f.cond());
                    }
                    yield new Node.If(f.label(), f.results(), cond, list(f.then()), list(f.otherwise()));
                }
            };
        }
    }

    /** Every node list of the module, in pre-order (function bodies, operand lists, block bodies, branches). */
    static List<List<Node>> lists(ModuleAst ast) {
        List<List<Node>> out = new ArrayList<>();
        for (ModuleAst.Func f : ast.funcs()) {
            lists(f.body(), out);
        }
        return out;
    }

    private static void lists(List<Node> nodes, List<List<Node>> out) {
        out.add(nodes);
        for (Node n : nodes) {
            switch (n) {
                case Node.Instr i -> lists(i.args(), out);
                case Node.Block b -> lists(b.body(), out);
                case Node.If f -> {
                    lists(List.of(f.cond()), out);
                    lists(f.then(), out);
                    lists(f.otherwise(), out);
                }
            }
        }
    }

    /** The module with list number {@code index} (as in {@link #lists}) replaced by {@code replacement}. */
    static ModuleAst replaceList(ModuleAst ast, int index, List<Node> replacement) {
        int[] counter = {0};
        List<ModuleAst.Func> funcs = new ArrayList<>();
        for (ModuleAst.Func f : ast.funcs()) {
            funcs.add(f.withBody(replaceList(f.body(), index, replacement, counter)));
        }
        return withFuncs(ast, funcs);
    }

    private static List<Node> replaceList(List<Node> nodes, int index, List<Node> replacement, int[] counter) {
        if (counter[0]++ == index) {
            return replacement;
        }
        List<Node> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(switch (n) {
                case Node.Instr i -> i.withArgs(replaceList(i.args(), index, replacement, counter));
                case Node.Block b -> b.withBody(replaceList(b.body(), index, replacement, counter));
                case Node.If f -> {
                    // The condition's one-node list cannot change length; it is counted but kept.
                    List<Node> cond = replaceList(List.of(f.cond()), index, List.of(f.cond()), counter);
                    yield new Node.If(f.label(), f.results(), cond.get(0),
                            replaceList(f.then(), index, replacement, counter),
                            replaceList(f.otherwise(), index, replacement, counter));
                }
            });
        }
        return out;
    }

    /** Applies {@code f} to every node, children first. */
    static List<Node> map(List<Node> nodes, UnaryOperator<Node> f) {
        List<Node> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            out.add(f.apply(switch (n) {
                case Node.Instr i -> i.withArgs(map(i.args(), f));
                case Node.Block b -> b.withBody(map(b.body(), f));
                case Node.If x -> new Node.If(x.label(), x.results(), map(List.of(x.cond()), f).get(0), map(x.then(), f),
                        map(x.otherwise(), f));
            }));
        }
        return out;
    }

    /** True if some node in {@code nodes} (at any depth) satisfies {@code test}. */
    static boolean any(List<Node> nodes, java.util.function.Predicate<Node> test) {
        for (Node n : nodes) {
            if (test.test(n)) {
                return true;
            }
            boolean inside = switch (n) {
                case Node.Instr i -> any(i.args(), test);
                case Node.Block b -> any(b.body(), test);
                case Node.If f -> any(List.of(f.cond()), test) || any(f.then(), test) || any(f.otherwise(), test);
            };
            if (inside) {
                return true;
            }
        }
        return false;
    }

    static boolean branchesTo(List<Node> nodes, int label) {
        return any(nodes, n -> n instanceof Node.Instr i
                && (((i.op() == Op.BR || i.op() == Op.BR_IF || i.op() == Op.BR_TABLE) && i.a() == label)
                        || (i.op() == Op.BR_TABLE && i.targets().contains(label))));
    }

    static boolean anyInModule(ModuleAst ast, java.util.function.Predicate<Node> test) {
        for (ModuleAst.Func f : ast.funcs()) {
            if (any(f.body(), test)) {
                return true;
            }
        }
        return false;
    }

    static ModuleAst withFuncs(ModuleAst ast, List<ModuleAst.Func> funcs) {
        return new ModuleAst(funcs, ast.globals(), ast.memory(), ast.tableSize(), ast.tableElems(), ast.data(),
                ast.exports());
    }
}

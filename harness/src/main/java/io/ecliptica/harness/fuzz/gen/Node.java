package io.ecliptica.harness.fuzz.gen;

import io.ecliptica.engine.ValueType;
import java.util.List;
import java.util.Objects;

/**
 * An instruction tree ("folded" form): a node's operands are its own sub-trees, so every node is
 * self-contained. The invariant that keeps edits local: the results of a node's {@code args}
 * (concatenated) are exactly its operands, and the results of a body (concatenated) are exactly
 * its block's results. A node whose results are empty is a statement and may be deleted; a node
 * with results {@code [t]} may be replaced by a constant of type {@code t}. Branches name their
 * target by a label id that is unique within the function (not by depth), so unwrapping or
 * deleting a block never re-targets another branch. Nodes that end control
 * ({@code br}, {@code br_table}, {@code return}, {@code unreachable}, revert/abort) have no
 * results; the code after them is unreachable but still well typed.
 */
public sealed interface Node permits Node.Instr, Node.Block, Node.If {

    List<ValueType> results();

    /**
     * A plain instruction and its operands. Immediates by op: {@code a} is the constant bits, the
     * local or global index, the function id ({@link HostFunc#BASE_ID} and above for host
     * functions), the label id ({@code br}, {@code br_if}: the default for {@code br_table}), the
     * memory offset (loads/stores, with {@code b} the alignment exponent) or the data segment
     * index; {@code targets} are the {@code br_table} label ids; {@code sig} the
     * {@code call_indirect} type. {@code drop} with an operand of several values drops them all.
     */
    record Instr(Op op, long a, long b, List<Integer> targets, FuncSig sig, List<Node> args, List<ValueType> results)
            implements Node {
        public Instr {
            Objects.requireNonNull(op);
            targets = List.copyOf(targets);
            args = List.copyOf(args);
            results = List.copyOf(results);
        }

        public Instr withArgs(List<Node> newArgs) {
            return new Instr(op, a, b, targets, sig, newArgs, results);
        }
    }

    /** {@code block} or {@code loop} with a label id; a branch to a loop's label carries no values. */
    record Block(boolean loop, int label, List<ValueType> results, List<Node> body) implements Node {
        public Block {
            results = List.copyOf(results);
            body = List.copyOf(body);
        }

        public Block withBody(List<Node> newBody) {
            return new Block(loop, label, results, newBody);
        }
    }

    /** {@code if} with its condition as an operand; {@code otherwise} is empty when absent. */
    record If(int label, List<ValueType> results, Node cond, List<Node> then, List<Node> otherwise) implements Node {
        public If {
            results = List.copyOf(results);
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    static Instr constant(ValueType t, long bits) {
        return new Instr(Op.constOf(t), t == ValueType.I32 || t == ValueType.F32 ? bits & 0xFFFF_FFFFL : bits, 0, List.of(), null,
                List.of(), List.of(t));
    }
}

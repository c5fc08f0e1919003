package io.ecliptica.instrument;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded instruction.
 *
 * <ul>
 *   <li>{@code a}: block type (see {@link #BT_EMPTY}; a value type as the negated type code, a type
 *       index as itself), label, function, local, global, type (call_indirect), data or element
 *       index, alignment exponent (loads/stores), the constant (floats as raw bits), or the
 *       destination table (table.copy);</li>
 *   <li>{@code b}: table (call_indirect, table.init), memory offset (loads/stores), source table
 *       (table.copy);</li>
 *   <li>{@code labels}: br_table targets followed by the default; typed select's value type codes.</li>
 * </ul>
 *
 * {@code offset} is the byte offset of the opcode in the module it was decoded from (-1 for
 * generated instructions); it is not part of equality.
 */
record Instr(Op op, long a, long b, int[] labels, long offset) {

    /** Block type of a block without parameters or results. */
    static final long BT_EMPTY = -0x40;

    static Instr of(Op op) {
        return new Instr(op, 0, 0, null, -1);
    }

    static Instr of(Op op, long a) {
        return new Instr(op, a, 0, null, -1);
    }

    static Instr of(Op op, long a, long b) {
        return new Instr(op, a, b, null, -1);
    }

    Instr withA(long newA) {
        return new Instr(op, newA, b, labels, offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instr i && i.op == op && i.a == a && i.b == b && Arrays.equals(i.labels, labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, a, b) * 31 + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(op.mnemonic);
        switch (op.imm) {
            case NONE, MEM, MEM_MEM -> { }
            case BR_TABLE, SELECT_T -> s.append(' ').append(Arrays.toString(labels));
            case MEMARG, CALL_INDIRECT, ELEM_TABLE, TABLE_TABLE -> s.append(' ').append(a).append(' ').append(b);
            case F32 -> s.append(" 0x").append(Integer.toHexString((int) a));
            case F64 -> s.append(" 0x").append(Long.toHexString(a));
            default -> s.append(' ').append(a);
        }
        return s.toString();
    }
}

package io.ecliptica.instrument;

/**
 * The cost class of an instruction. A profile's {@link CostTable} gives one static weight per
 * class; docs/gas.md lists which instruction is in which class. The class names are part of the
 * cost-table rendering ({@link Profile#rendering()}), so renaming one changes the cost-table hash.
 */
public enum CostClass {
    /** {@code end}, {@code else}: structural markers, paid for by the instruction that opened the construct. */
    STRUCTURE,
    /** {@code nop}, {@code block}, {@code loop}, {@code if}, {@code br}, {@code br_if}, {@code return}, {@code unreachable}, {@code drop}, {@code select}. */
    CONTROL,
    /** {@code br_table}. */
    BR_TABLE,
    /** {@code call}. */
    CALL,
    /** {@code call_indirect}. */
    CALL_INDIRECT,
    /** {@code i32.const}, {@code i64.const}, {@code f32.const}, {@code f64.const}. */
    CONST,
    /** {@code local.get}, {@code local.set}, {@code local.tee}. */
    LOCAL,
    /** {@code global.get}, {@code global.set}. */
    GLOBAL,
    /** Integer comparisons, bit operations, add, sub, shifts, rotations, conversions between integer types, sign extension. */
    INT,
    /** {@code i32.mul}, {@code i64.mul}. */
    INT_MUL,
    /** Integer division and remainder. */
    INT_DIV,
    /** Float comparisons, abs, neg, copysign, add, sub, min, max, rounding, int-to-float and float-to-float conversions, reinterpretations. */
    FLOAT,
    /** {@code f32.mul}, {@code f64.mul}. */
    FLOAT_MUL,
    /** {@code f32.div}, {@code f64.div}, {@code f32.sqrt}, {@code f64.sqrt}. */
    FLOAT_DIV,
    /** Float-to-integer truncation, trapping and saturating. */
    FLOAT_TO_INT,
    /** Memory loads. */
    LOAD,
    /** Memory stores. */
    STORE,
    /** {@code memory.size}. */
    MEMORY_SIZE,
    /** {@code memory.grow} (static part; the per-page part is dynamic). */
    MEMORY_GROW,
    /** {@code memory.fill}, {@code memory.copy}, {@code memory.init}, {@code table.init}, {@code table.copy} (static part; the per-unit part is dynamic). */
    BULK,
    /** {@code data.drop}, {@code elem.drop}. */
    DROP_SEGMENT
}

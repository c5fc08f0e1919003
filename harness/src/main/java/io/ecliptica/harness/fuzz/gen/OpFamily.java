package io.ecliptica.harness.fuzz.gen;

/**
 * Groups of instructions, for coverage reporting: the generator claims to reach every family but
 * {@code STRUCTURE} ({@code else} and {@code end}, which are not instructions of their own).
 */
public enum OpFamily {
    STRUCTURE,
    CONTROL, BRANCH, UNREACHABLE, CALL, CALL_INDIRECT, PARAMETRIC, LOCAL, GLOBAL, LOAD, STORE,
    MEMORY_SIZE_GROW, BULK_MEMORY, CONST, COMPARE, INT_BITS, INT_ARITH, INT_DIV_REM, SHIFT_ROTATE,
    FLOAT_BITS, FLOAT_ARITH, CONVERT, TRUNC_TRAPPING, TRUNC_SAT, REINTERPRET, SIGN_EXTEND
}

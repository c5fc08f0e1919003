package io.ecliptica.instrument;

import java.util.List;

/**
 * The exact rewrites of docs/gas.md §16: instructions that one of the engines executes against the
 * spec are replaced by sequences that have exactly the spec's behaviour (same results, same traps,
 * same state before a trap) and that every engine executes correctly. Applied by every
 * instrumenting profile while the function bodies are rewritten; the injected instructions are
 * not charged (gas is computed on the input's instructions, §4).
 *
 * <ol>
 *   <li>{@code f32.load}/{@code f64.load} become an integer load of the same width, alignment and
 *       offset followed by a reinterpret: wasmtime 7.0.1 (Cranelift x86-64) folds a float load into
 *       a 16-byte SSE memory operand of {@code copysign}, {@code ceil}, {@code floor}, {@code trunc}
 *       and {@code nearest}, which traps within 16 bytes of the end of memory.</li>
 *   <li>{@code f32.convert_i64_u}/{@code f64.convert_i64_u} become the signed conversion of the
 *       value, or for values of 2^63 and above of the value halved with its lowest bit kept
 *       (round to odd), doubled: Chicory 1.7.5 rounds those wrongly.</li>
 *   <li>A store with a non-zero offset first traps {@code out_of_bounds_memory} when address +
 *       offset is 2^32 or more; a bulk memory instruction first traps when its length exceeds the
 *       memory size: Chicory 1.7.5 computes both sums in 32 bits (its interpreter's
 *       {@code store8}/{@code store32} then write at the wrapped address; {@code memory.fill},
 *       {@code memory.copy} and {@code memory.init} fail with an engine error after partial writes).</li>
 *   <li>{@code i32.mul} is followed by {@code i32.const 0  i32.or}, which keeps the value: Chicory
 *       1.7.5's interpreter multiplies the two operands as 64-bit values and keeps the high bits in
 *       its stack slot, and its {@code if} tests the whole slot, so an {@code if} on a product
 *       that wraps to 0 takes the wrong branch.</li>
 * </ol>
 */
final class ExactRewrites {

    private ExactRewrites() {}

    /** Scratch locals of the function being rewritten, allocated on first use. */
    interface Scratch {
        /** The {@code k}-th i32 scratch local. */
        int i32(int k);

        int i64();

        int f32();

        int f64();
    }

    /**
     * Appends the rewrite of {@code ins} to {@code out} and returns true, or returns false (and
     * appends nothing) when no rule of §16 applies to it.
     */
    static boolean rewrite(Instr ins, List<Instr> out, Scratch s) {
        switch (ins.op()) {
            case F32_LOAD -> integerLoad(ins, Op.I32_LOAD, Op.F32_REINTERPRET_I32, out);
            case F64_LOAD -> integerLoad(ins, Op.I64_LOAD, Op.F64_REINTERPRET_I64, out);
            case F32_CONVERT_I64_U -> unsignedConversion(Op.F32_CONVERT_I64_S, Op.F32_CONST,
                    Float.floatToRawIntBits(2f) & 0xFFFF_FFFFL, Op.F32_MUL, out, s);
            case F64_CONVERT_I64_U -> unsignedConversion(Op.F64_CONVERT_I64_S, Op.F64_CONST,
                    Double.doubleToRawLongBits(2d), Op.F64_MUL, out, s);
            case MEMORY_FILL, MEMORY_COPY, MEMORY_INIT -> {
                lengthGuard(out, s);
                out.add(ins);
            }
            case I32_MUL -> {
                // rule 4: i32.or truncates its operands to 32 bits on every engine, Chicory's interpreter included
                out.add(ins);
                out.add(Instr.of(Op.I32_CONST, 0));
                out.add(Instr.of(Op.I32_OR));
            }
            case I32_STORE, I64_STORE, F32_STORE, F64_STORE, I32_STORE8, I32_STORE16, I64_STORE8, I64_STORE16,
                 I64_STORE32 -> {
                if (ins.b() == 0) {
                    return false; // offset 0: address + offset cannot pass 2^32
                }
                offsetGuard(ins, out, s);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Rule 1: the same bytes read as an integer, then reinterpreted (the spec's own definition of a float load). */
    private static void integerLoad(Instr ins, Op load, Op reinterpret, List<Instr> out) {
        out.add(new Instr(load, ins.a(), ins.b(), null, -1));
        out.add(Instr.of(reinterpret));
    }

    /**
     * Rule 2, for {@code x} on the stack: {@code x >= 0 (signed) ? convert_s(x) : 2 * convert_s((x >>> 1) | (x & 1))}.
     * Halving with the lowest bit kept (round to odd) leaves the rounding decision of x / 2 unchanged:
     * the target has at most 53 bits and the value 63, so the kept bit only marks "not exact"; the
     * doubling is exact (at most 2^64).
     */
    private static void unsignedConversion(Op convertS, Op constOp, long two, Op mul, List<Instr> out, Scratch s) {
        int x = s.i64();
        out.add(Instr.of(Op.LOCAL_TEE, x));
        out.add(Instr.of(convertS));
        out.add(Instr.of(Op.LOCAL_GET, x));
        out.add(Instr.of(Op.I64_CONST, 1));
        out.add(Instr.of(Op.I64_SHR_U));
        out.add(Instr.of(Op.LOCAL_GET, x));
        out.add(Instr.of(Op.I64_CONST, 1));
        out.add(Instr.of(Op.I64_AND));
        out.add(Instr.of(Op.I64_OR));
        out.add(Instr.of(convertS));
        out.add(Instr.of(constOp, two));
        out.add(Instr.of(mul));
        out.add(Instr.of(Op.LOCAL_GET, x));
        out.add(Instr.of(Op.I64_CONST, 0));
        out.add(Instr.of(Op.I64_GE_S));
        out.add(Instr.of(Op.SELECT));
    }

    /**
     * Rule 3 for a store with offset {@code o > 0} ({@code address value} on the stack): when
     * {@code address > 2^32 - 1 - o} (unsigned), the effective address is 2^32 or more and the spec
     * traps; trap first, the same way on every engine, then store as before.
     */
    private static void offsetGuard(Instr store, List<Instr> out, Scratch s) {
        int value = switch (store.op().sig.charAt(1)) {
            case 'i' -> s.i32(1);
            case 'I' -> s.i64();
            case 'f' -> s.f32();
            case 'F' -> s.f64();
            default -> throw new IllegalStateException("not a store: " + store);
        };
        int address = s.i32(0);
        out.add(Instr.of(Op.LOCAL_SET, value));
        out.add(Instr.of(Op.LOCAL_TEE, address));
        out.add(Instr.of(Op.I32_CONST, (int) (0xFFFF_FFFFL - store.b())));
        out.add(Instr.of(Op.I32_GT_U));
        trapIf(out);
        out.add(Instr.of(Op.LOCAL_GET, address));
        out.add(Instr.of(Op.LOCAL_GET, value));
        out.add(store);
    }

    /**
     * Rule 3 for {@code memory.fill}, {@code memory.copy}, {@code memory.init} (length {@code n} on
     * top): when {@code n} exceeds the memory size in bytes, the destination range does too and the
     * spec traps; trap first. Compared as i64, so that a 65,536-page memory's size does not wrap.
     */
    private static void lengthGuard(List<Instr> out, Scratch s) {
        int n = s.i32(0);
        out.add(Instr.of(Op.LOCAL_SET, n));
        out.add(Instr.of(Op.LOCAL_GET, n));
        out.add(Instr.of(Op.I64_EXTEND_I32_U));
        out.add(Instr.of(Op.MEMORY_SIZE, 0));
        out.add(Instr.of(Op.I64_EXTEND_I32_U));
        out.add(Instr.of(Op.I64_CONST, 16));
        out.add(Instr.of(Op.I64_SHL));
        out.add(Instr.of(Op.I64_GT_U));
        trapIf(out);
        out.add(Instr.of(Op.LOCAL_GET, n));
    }

    /**
     * {@code if (condition) trap out_of_bounds_memory}: a one-byte load at effective address 2^32
     * (address 0xFFFFFFFF, offset 1), out of bounds of every 32-bit memory, and a negative base,
     * which Chicory's interpreter rejects before adding the offset.
     */
    private static void trapIf(List<Instr> out) {
        out.add(Instr.of(Op.IF, Instr.BT_EMPTY));
        out.add(Instr.of(Op.I32_CONST, -1));
        out.add(new Instr(Op.I32_LOAD8_U, 0, 1, null, -1));
        out.add(Instr.of(Op.DROP));
        out.add(Instr.of(Op.END));
    }
}

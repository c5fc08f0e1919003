package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.ChicoryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The exact rewrites of docs/gas.md §16, on Chicory's interpreter (the engine whose store and
 * bulk-memory quirks §16.3 removes, and whose conversions §16.2 replaces). Expected values come
 * from the spec's definitions, computed here independently: exact rational rounding for the
 * conversions, bit masks for copysign, address arithmetic for the stores. All four engines run
 * the same probes in the harness ({@code ExactRewritesOnEnginesTest}).
 */
class ExactRewritesTest {

    private static final Profile V1 = Profile.ECLIPTICA_V1;

    private static byte[] prepared(byte[] wasm) {
        byte[] out = Instrumenter.prepare(wasm, V1).wasm();
        Run.parse(out); // Chicory's validator
        Validator.validate(Decoder.decode(out)); // ours
        return out;
    }

    private static List<Instr> body(byte[] wasm, int definedFunction) {
        return Decoder.decode(wasm).codes.get(definedFunction).body();
    }

    private static void assertOutOfBounds(Runnable call, String what) {
        ChicoryException e = assertThrows(ChicoryException.class, call::run, what);
        assertTrue(e.getMessage().contains("out of bounds memory access"), what + ": " + e.getMessage());
    }

    // §16.1 float loads

    @Test
    void floatLoadsBecomeIntegerLoadsWithTheSameAlignmentAndOffset() {
        byte[] out = prepared(TestSupport.wat("""
                (module (memory 1)
                  (func (export "f") (param i32) (result f32 f64)
                    (f32.load offset=5 align=4 (local.get 0)) (f64.load offset=9 align=1 (local.get 0))))
                """));
        List<Instr> b = body(out, 0);
        assertFalse(b.stream().anyMatch(i -> i.op() == Op.F32_LOAD || i.op() == Op.F64_LOAD), b.toString());
        int i32 = b.indexOf(Instr.of(Op.I32_LOAD, 2, 5));
        int i64 = b.indexOf(Instr.of(Op.I64_LOAD, 0, 9));
        assertTrue(i32 >= 0 && i64 >= 0, b.toString());
        assertEquals(Op.F32_REINTERPRET_I32, b.get(i32 + 1).op());
        assertEquals(Op.F64_REINTERPRET_I64, b.get(i64 + 1).op());
    }

    /** Signalling NaNs at the last bytes of memory: every bit survives, and one byte further traps. */
    @Test
    void floatLoadsKeepEveryBitAndTheirBoundsCheck() {
        Run r = Run.of(prepared(TestSupport.wat("""
                (module (memory 2 3)
                  (data (i32.const 131064) "\\01\\00\\00\\00\\00\\00\\f0\\7f")
                  (func (export "f32") (param i32) (result f32) (f32.load (local.get 0)))
                  (func (export "f64") (param i32) (result f64) (f64.load (local.get 0))))
                """)));
        assertEquals(0x7ff0000000000001L, r.call("f64", 131064)[0]);
        assertEquals(0x7ff00000L, r.call("f32", 131068)[0] & 0xFFFF_FFFFL);
        assertEquals(0x00000001L, r.call("f32", 131064)[0] & 0xFFFF_FFFFL);
        assertOutOfBounds(() -> r.call("f32", 131069), "f32.load of 131069");
        r.resetStack();
        assertOutOfBounds(() -> r.call("f64", 131065), "f64.load of 131065");
    }

    /** The shape of the wasmtime finding: copysign and rounding of a load at the end, into a truncation. */
    @Test
    void copysignAndRoundingOfALoadAtTheEndOfMemoryKeepTheirResults() {
        Run r = Run.of(prepared(TestSupport.wat("""
                (module (memory 2 3)
                  (func (export "set") (param i32) (i32.store (i32.const 131068) (local.get 0)))
                  (func (export "copysign") (param f32) (result i32)
                    (i32.reinterpret_f32 (f32.copysign (local.get 0) (f32.load (i32.const 131068)))))
                  (func (export "ceil") (result i64) (i64.trunc_f32_s (f32.ceil (f32.load (i32.const 131068)))))
                  (func (export "floor") (result i64) (i64.trunc_f32_s (f32.floor (f32.load (i32.const 131068))))))
                """)));
        int[] magnitudes = {0x3fc00000, 0xbfc00000, 0x7fa00001, 0x00000001, 0x80000000};
        int[] signs = {0x40490fdb, 0xc0490fdb, 0xffc00000, 0x00000000, 0x80000000};
        for (int m : magnitudes) {
            for (int s : signs) {
                r.call("set", s);
                int expected = (m & 0x7fffffff) | (s & 0x80000000); // the spec's copysign: bits only
                assertEquals(expected, (int) r.call("copysign", m)[0], Integer.toHexString(m) + " " + Integer.toHexString(s));
            }
        }
        r.call("set", Float.floatToRawIntBits(-2.5f));
        assertEquals(-2, r.call("ceil")[0]);
        assertEquals(-3, r.call("floor")[0]);
    }

    // §16.2 unsigned 64-bit conversions

    /** The finding, hard cases around the f32 and f64 rounding positions, and seeded random values. */
    static long[] hardUnsignedValues() {
        Set<Long> v = new LinkedHashSet<>(List.of(-4302382064366896320L, Long.MIN_VALUE,
                -1L, Long.MIN_VALUE + 1, Long.MAX_VALUE, 0L, 1L));
        Random random = new Random(20261125);
        for (int shift : new int[] {40, 11}) { // bits below f32's / f64's last kept bit for values >= 2^63
            long tie = 1L << (shift - 1);
            for (int k = 0; k < 24; k++) {
                long top = random.nextLong() | Long.MIN_VALUE;
                top &= -1L << shift;
                for (long low : new long[] {tie, tie - 1, tie + 1, 0, 1, (1L << shift) - 1, tie + (1L << 10), tie - (1L << 10) + 1}) {
                    v.add(top | (low & ((1L << shift) - 1)));
                }
            }
        }
        for (int k = 0; k < 200; k++) {
            v.add(random.nextLong());
            v.add(random.nextLong() >>> random.nextInt(64));
        }
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    private static BigDecimal unsigned(long x) {
        return new BigDecimal(new BigInteger(Long.toUnsignedString(x)));
    }

    @Test
    void unsignedConversionsRoundOnceToNearestEven() {
        byte[] wasm = TestSupport.wat("""
                (module
                  (func (export "f32") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
                  (func (export "f64") (param i64) (result f64) (f64.convert_i64_u (local.get 0))))
                """);
        Run raw = Run.of(wasm);
        Run r = Run.of(prepared(wasm));
        int rawWrong = 0;
        for (long x : hardUnsignedValues()) {
            // BigDecimal's conversions round the exact value once, to nearest, ties to even
            int f32 = Float.floatToRawIntBits(unsigned(x).floatValue());
            long f64 = Double.doubleToRawLongBits(unsigned(x).doubleValue());
            assertEquals(f32, (int) r.call("f32", x)[0], "f32.convert_i64_u " + Long.toUnsignedString(x));
            assertEquals(f64, r.call("f64", x)[0], "f64.convert_i64_u " + Long.toUnsignedString(x));
            rawWrong += ((int) raw.call("f32", x)[0] != f32 ? 1 : 0) + (raw.call("f64", x)[0] != f64 ? 1 : 0);
        }
        assertTrue(rawWrong > 0, "raw Chicory rounds some of these wrongly (docs/gas.md §16.2)");
        long finding = Long.parseUnsignedLong("14144362009342655296");
        assertEquals(0x5f444adeL, r.call("f32", finding)[0] & 0xFFFF_FFFFL);
        assertEquals(0x5f444adfL, raw.call("f32", finding)[0] & 0xFFFF_FFFFL, "the fuzz finding, raw");
    }

    @Test
    void theConversionIsBranchFreeWithOneI64ScratchLocal() {
        byte[] in = TestSupport.wat("(module (func (export \"f\") (param i64) (result f32) (f32.convert_i64_u (local.get 0))))");
        List<Instr> b = body(prepared(in), 0);
        assertFalse(b.stream().anyMatch(i -> i.op() == Op.F32_CONVERT_I64_U), b.toString());
        assertEquals(2, b.stream().filter(i -> i.op() == Op.F32_CONVERT_I64_S).count());
        assertEquals(1, b.stream().filter(i -> i.op() == Op.SELECT).count());
    }

    // §16.3 effective addresses past 2^32

    private static final String[][] STORES = {
        {"i32.store", "i32"}, {"i64.store", "i64"}, {"f32.store", "f32"}, {"f64.store", "f64"}, {"i32.store8", "i32"},
        {"i32.store16", "i32"}, {"i64.store8", "i64"}, {"i64.store16", "i64"}, {"i64.store32", "i64"}};

    /** Each store with offsets 63 and 0xFFFFFFFF, storing all ones (as the integer or float bits). */
    private static byte[] storesModule() {
        StringBuilder s = new StringBuilder("(module (memory 1)\n");
        s.append("  (func (export \"sum\") (result i64) (local $i i32) (local $t i64)\n")
                .append("    (loop $l (local.set $t (i64.add (local.get $t) (i64.load8_u (local.get $i))))\n")
                .append("      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 65536))))\n")
                .append("    (local.get $t))\n");
        for (String[] st : STORES) {
            String t = st[1];
            String value = t.startsWith("i") ? "(" + t + ".const -1)" : "(" + t + ".reinterpret_i" + t.substring(1) + " (i" + t.substring(1) + ".const -1))";
            for (long off : new long[] {63, 0xFFFF_FFFFL}) {
                s.append("  (func (export \"").append(st[0]).append('/').append(off).append("\") (param i32) (")
                        .append(st[0]).append(" offset=").append(off).append(" (local.get 0) ").append(value).append("))\n");
            }
        }
        return TestSupport.wat(s.append(")").toString());
    }

    @Test
    void storesWhoseEffectiveAddressPasses2To32TrapBeforeWritingAnything() {
        byte[] wasm = storesModule();
        Run raw = Run.of(wasm);
        Run r = Run.of(prepared(wasm));
        // address + offset >= 2^32: 0xFFFFFFF6 + 63 (the finding), exactly 2^32, and 1 + 0xFFFFFFFF
        long[][] overflowing = {{0xFFFF_FFF6L, 63}, {(1L << 32) - 63, 63}, {0xFFFF_FFFFL, 63}, {1, 0xFFFF_FFFFL},
            {0xFFFF_FFFFL, 0xFFFF_FFFFL}};
        for (String[] st : STORES) {
            for (long[] ao : overflowing) {
                String export = st[0] + "/" + ao[1];
                assertOutOfBounds(() -> r.call(export, ao[0]), export + " at " + Long.toHexString(ao[0]));
                r.resetStack();
                assertEquals(0, r.call("sum")[0], export + " wrote before trapping");
            }
        }
        // Chicory's interpreter, raw: store8 and store32 write at (address + offset) mod 2^32
        raw.call("i64.store32/63", 0xFFFF_FFF6L);
        assertEquals(4 * 255, raw.call("sum")[0], "raw i64.store32 offset=63 at 0xFFFFFFF6 wrote 4 bytes (at 53)");
    }

    @Test
    void guardedStoresInBoundsWriteWhereTheSpecSays() {
        Run r = Run.of(prepared(TestSupport.wat("""
                (module (memory 1)
                  (func (export "store") (param i32 i64) (i64.store32 offset=63 (local.get 0) (local.get 1)))
                  (func (export "storeF") (param i32 f64) (f64.store offset=65520 (local.get 0) (local.get 1)))
                  (func (export "at") (param i32) (result i64) (i64.load (local.get 0))))
                """)));
        r.call("store", 10, 0x1122334455L);
        assertEquals(0x22334455L, r.call("at", 73)[0]);
        r.call("storeF", 8, Double.doubleToRawLongBits(-0.5));
        assertEquals(Double.doubleToRawLongBits(-0.5), r.call("at", 65528)[0], "the last 8 bytes");
        assertOutOfBounds(() -> r.call("storeF", 9, 0), "one byte past the end");
        List<Instr> unguarded = body(prepared(TestSupport.wat(
                "(module (memory 1) (func (export \"f\") (i32.store (i32.const 8) (i32.const 1))))")), 0);
        assertFalse(unguarded.stream().anyMatch(i -> i.op() == Op.I32_LOAD8_U), "offset 0 cannot overflow: no guard " + unguarded);
    }

    @Test
    void bulkLengthsBeyondTheMemoryTrapBeforeWritingAnything() {
        byte[] wasm = TestSupport.wat("""
                (module (memory 1) (data $p "abcd")
                  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "init") (param i32 i32 i32) (memory.init $p (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "at") (param i32) (result i32) (i32.load8_u (local.get 0))))
                """);
        Run r = Run.of(prepared(wasm));
        // d + n wraps below 2^31 in 32-bit int arithmetic; the spec compares without wrapping
        long[][] calls = {{16, 0x55, 0x7FFF_FFF8L}, {16, 16, 0x7FFF_FFF8L}, {16, 2, 0x7FFF_FFFEL}, {0, 0x55, 65537}};
        String[] ops = {"fill", "copy", "init", "fill"};
        for (int k = 0; k < calls.length; k++) {
            long[] a = calls[k];
            String op = ops[k];
            String what = op + " " + a[0] + " " + a[1] + " " + a[2];
            assertOutOfBounds(() -> r.call(op, a), what);
            r.resetStack();
            assertEquals(0, r.call("at", 16)[0], what + " wrote before trapping");
            assertEquals(0, r.call("at", 65535)[0], what + " wrote before trapping");
        }
        r.call("fill", 0, 0x55, 65536); // exactly the memory: in bounds
        assertEquals(0x55, r.call("at", 65535)[0]);

        Run raw = Run.of(wasm);
        Exception e = assertThrows(Exception.class, () -> raw.call("fill", 16, 0x55, 0x7FFF_FFF8L));
        assertNotEquals(0, raw.call("at", 16)[0], "raw Chicory filled up to the end before failing: " + e);
    }

    /** Gas is charged for the input's instructions only: an independent count of the raw module's. */
    // §16.4 i32.mul

    @Test
    void anIfOnAWrappedProductTakesTheBranchTheSpecSays() {
        byte[] wasm = TestSupport.wat("""
                (module
                  (global $g (mut i32) (i32.const 0))
                  (func (export "ifMul") (param i32 i32) (result i32)
                    (if (result i32) (i32.mul (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
                  (func $test (param i32) (result i32)
                    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 0))))
                  (func (export "throughCall") (param i32 i32) (result i32)
                    (call $test (i32.mul (local.get 0) (local.get 1))))
                  (func (export "throughGlobal") (param i32 i32) (result i32)
                    (global.set $g (i32.mul (local.get 0) (local.get 1)))
                    (if (result i32) (global.get $g) (then (i32.const 1)) (else (i32.const 0))))
                  (func (export "mul") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1))))
                """);
        Run raw = Run.of(wasm);
        Run r = Run.of(prepared(wasm));
        // the finding: 24 * 0x80000000 is 0 modulo 2^32, so the spec skips the branch
        assertEquals(1, raw.call("ifMul", 24, 0x8000_0000L)[0], "raw Chicory interpreter tests the 64-bit product");
        Random random = new Random(164);
        List<int[]> pairs = new java.util.ArrayList<>(List.of(new int[] {24, Integer.MIN_VALUE},
                new int[] {1 << 16, 1 << 16}, new int[] {-1, -1}, new int[] {0x12345, 0}, new int[] {3, 5}));
        for (int k = 0; k < 60; k++) {
            // half the pairs multiply to a multiple of 2^32 with a non-zero 64-bit product
            int a = random.nextInt() | 1 << random.nextInt(31);
            pairs.add(k % 2 == 0 ? new int[] {a << 16, random.nextInt() << 16} : new int[] {a, random.nextInt()});
        }
        for (int[] p : pairs) {
            int product = p[0] * p[1]; // Java int arithmetic: the spec's product modulo 2^32
            long expected = product != 0 ? 1 : 0;
            String what = p[0] + " * " + p[1];
            assertEquals(product, (int) r.call("mul", p[0], p[1])[0], what);
            assertEquals(expected, r.call("ifMul", p[0], p[1])[0], "if " + what);
            assertEquals(expected, r.call("throughCall", p[0], p[1])[0], "a callee's if on " + what);
            assertEquals(expected, r.call("throughGlobal", p[0], p[1])[0], "if on a global holding " + what);
        }
    }

    @Test
    void gasIsTheRawModulesWhateverTheRewrites() {
        byte[] raw = TestSupport.wat("""
                (module (memory 1) (data $p "abcd")
                  (func (export "f") (param i64) (result f64)
                    (i64.store32 offset=63 (i32.const 10) (local.get 0))
                    (f32.store offset=4 (i32.const 100) (f32.convert_i64_u (local.get 0)))
                    (memory.fill (i32.const 200) (i32.const 7) (i32.const 30))
                    (memory.copy (i32.const 300) (i32.const 200) (i32.const 10))
                    (memory.init $p (i32.const 400) (i32.const 1) (i32.const 3))
                    (f64.add (f64.convert_i64_u (local.get 0))
                      (f64.promote_f32 (f32.copysign (f32.load offset=4 (i32.const 100)) (f32.ceil (f32.load (i32.const 104))))))))
                """);
        for (long x : new long[] {5, -5, Long.MIN_VALUE}) {
            ReferenceMeter ref = new ReferenceMeter(raw, V1);
            Run.of(raw, Map.of(), Run.UNLIMITED, ref).call("f", x);
            Run m = Run.of(prepared(raw));
            assertEquals(ref.total, m.gasUsedBy(1_000_000, "f", x), "gas of f(" + x + ")");
        }
    }

    @Test
    void everyInstrumentingProfileRewritesWhateverPassesAreOn() {
        byte[] in = TestSupport.wat("""
                (module (memory 1)
                  (func (export "f") (param i64) (result f32)
                    (i64.store8 offset=1 (i32.const 0) (local.get 0))
                    (f32.add (f32.load (i32.const 0)) (f32.convert_i64_u (local.get 0)))))
                """);
        List<Op> rewritten = List.of(Op.F32_LOAD, Op.F32_CONVERT_I64_U);
        for (Profile p : List.of(V1.withPasses(false, false, false), Profile.COSMWASM_LIKE.withFeatures(true, true))) {
            List<Instr> b = body(Instrumenter.prepare(in, p).wasm(), 0);
            assertFalse(b.stream().anyMatch(i -> rewritten.contains(i.op())), p.id() + ": " + b);
            assertTrue(b.stream().anyMatch(i -> i.op() == Op.I32_LOAD8_U && i.b() == 1), p.id() + ": the trap sequence");
        }
        List<Instr> none = body(Instrumenter.prepare(in, Profile.NONE).wasm(), 0);
        assertTrue(none.stream().anyMatch(i -> i.op() == Op.F32_LOAD), "none leaves the module as it is");
    }
}

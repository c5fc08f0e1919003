package io.ecliptica.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NaN canonicalization (docs/gas.md §NaN canonicalization): after every instruction that can
 * produce a NaN the result is replaced by the canonical NaN (0x7fc00000, 0x7ff8000000000000) when
 * it is a NaN; other results and the bit-exact instructions are left alone.
 */
class NanTest {

    static final int F32_NAN_PAYLOAD = 0xffa00001; // negative, signalling, payload
    static final long F64_NAN_PAYLOAD = 0xfff4000000000001L;
    static final long F32_CANON = 0x7fc00000L;
    static final long F64_CANON = 0x7ff8000000000000L;

    static Run run(String wat) {
        return Run.of(Instrumenter.prepare(TestSupport.wat(wat), Profile.ECLIPTICA_V1).wasm());
    }

    static long f32(Run r, String f, long... args) {
        return r.call(f, args)[0] & 0xFFFF_FFFFL;
    }

    @Test
    void demoteOfANaNPayloadIsCanonical() {
        Run r = run("(module (func (export \"d\") (param f64) (result f32) local.get 0 f32.demote_f64))");
        assertEquals(F32_CANON, f32(r, "d", 0x7ff4000000000001L));
        assertEquals(F32_CANON, f32(r, "d", F64_NAN_PAYLOAD));
        assertEquals(Float.floatToRawIntBits(1.5f), f32(r, "d", Double.doubleToRawLongBits(1.5)));
    }

    @Test
    void promoteOfANaNPayloadIsCanonical() {
        Run r = run("(module (func (export \"p\") (param f32) (result f64) local.get 0 f64.promote_f32))");
        assertEquals(F64_CANON, r.call("p", F32_NAN_PAYLOAD & 0xFFFF_FFFFL)[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"add", "sub", "mul", "div", "min", "max"})
    void binaryArithmeticOnNaNsIsCanonical(String op) {
        Run r = run("(module"
                + " (func (export \"s\") (param f32 f32) (result f32) local.get 0 local.get 1 f32." + op + ")"
                + " (func (export \"d\") (param f64 f64) (result f64) local.get 0 local.get 1 f64." + op + "))");
        long one32 = Float.floatToRawIntBits(1f);
        long one64 = Double.doubleToRawLongBits(1.0);
        assertEquals(F32_CANON, f32(r, "s", F32_NAN_PAYLOAD & 0xFFFF_FFFFL, one32));
        assertEquals(F32_CANON, f32(r, "s", one32, 0x7f800001L));
        assertEquals(F64_CANON, r.call("d", F64_NAN_PAYLOAD, one64)[0]);
        assertEquals(F64_CANON, r.call("d", one64, 0x7ff0000000000001L)[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqrt", "ceil", "floor", "trunc", "nearest"})
    void unaryArithmeticOnNaNsIsCanonical(String op) {
        Run r = run("(module"
                + " (func (export \"s\") (param f32) (result f32) local.get 0 f32." + op + ")"
                + " (func (export \"d\") (param f64) (result f64) local.get 0 f64." + op + "))");
        assertEquals(F32_CANON, f32(r, "s", F32_NAN_PAYLOAD & 0xFFFF_FFFFL));
        assertEquals(F64_CANON, r.call("d", F64_NAN_PAYLOAD)[0]);
    }

    @Test
    void invalidOperationsGiveThePositiveCanonicalNaN() {
        Run r = run("""
                (module
                  (func (export "sqrt") (result f32) f32.const -1 f32.sqrt)
                  (func (export "inf") (result f64) f64.const inf f64.const -inf f64.add)
                  (func (export "zero") (result f64) f64.const 0 f64.const 0 f64.div))
                """);
        assertEquals(F32_CANON, r.call("sqrt")[0] & 0xFFFF_FFFFL);
        assertEquals(F64_CANON, r.call("inf")[0]);
        assertEquals(F64_CANON, r.call("zero")[0]);
    }

    @Test
    void bitExactInstructionsKeepPayloads() {
        Run r = run("""
                (module (memory 1)
                  (func (export "neg") (param f32) (result f32) local.get 0 f32.neg)
                  (func (export "abs") (param f64) (result f64) local.get 0 f64.abs)
                  (func (export "copysign") (param f32 f32) (result f32) local.get 0 local.get 1 f32.copysign)
                  (func (export "reinterpret") (param i32) (result f32) local.get 0 f32.reinterpret_i32)
                  (func (export "load") (param i64) (result f64)
                    i32.const 8 local.get 0 i64.store i32.const 8 f64.load)
                  (func (export "const") (result f32) f32.const nan:0x200000))
                """);
        assertEquals(0x7fa00001L, f32(r, "neg", F32_NAN_PAYLOAD & 0xFFFF_FFFFL));
        assertEquals(0x7ff4000000000001L, r.call("abs", F64_NAN_PAYLOAD)[0]);
        assertEquals(0x7fa00001L, f32(r, "copysign", F32_NAN_PAYLOAD & 0xFFFF_FFFFL, 0));
        assertEquals(F32_NAN_PAYLOAD & 0xFFFF_FFFFL, f32(r, "reinterpret", F32_NAN_PAYLOAD & 0xFFFF_FFFFL));
        assertEquals(F64_NAN_PAYLOAD, r.call("load", F64_NAN_PAYLOAD)[0]);
        assertEquals(0x7fa00000L, f32(r, "const"));
    }

    @Test
    void ordinaryResultsAreUntouched() {
        Run r = run("""
                (module
                  (func (export "mul") (param f32 f32) (result f32) local.get 0 local.get 1 f32.mul)
                  (func (export "add") (param f64 f64) (result f64) local.get 0 local.get 1 f64.add))
                """);
        assertEquals(Float.floatToRawIntBits(-0.0f) & 0xFFFF_FFFFL,
                f32(r, "mul", Float.floatToRawIntBits(-0.0f) & 0xFFFF_FFFFL, Float.floatToRawIntBits(1f)));
        assertEquals(0x7f800000L, f32(r, "mul", Float.floatToRawIntBits(Float.MAX_VALUE), Float.floatToRawIntBits(2f)));
        assertEquals(Double.doubleToRawLongBits(3.75),
                r.call("add", Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(2.25))[0]);
        assertEquals(1L, r.call("add", 1L, 0L)[0], "subnormals pass through");
    }

    @Test
    void profileWithoutCanonicalizationLeavesNaNsToTheEngine() {
        byte[] wasm = TestSupport.wat("(module (func (export \"d\") (param f64) (result f32) local.get 0 f32.demote_f64))");
        Run r = Run.of(Instrumenter.prepare(wasm, Profile.ECLIPTICA_V1.withPasses(true, true, false)).wasm());
        long bits = f32(r, "d", F64_NAN_PAYLOAD);
        assertEquals(true, Float.isNaN(Float.intBitsToFloat((int) bits)));
    }
}

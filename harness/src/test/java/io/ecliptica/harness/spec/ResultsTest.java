package io.ecliptica.harness.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.text.ValType;
import io.ecliptica.text.WastValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bit-exact result check and its failure categories; bit patterns written out by hand (IEEE 754). */
class ResultsTest {
    private static final WastValue CANONICAL_F32 = new WastValue.NanPattern(ValType.F32, WastValue.NanKind.CANONICAL);
    private static final WastValue ARITHMETIC_F64 = new WastValue.NanPattern(ValType.F64, WastValue.NanKind.ARITHMETIC);

    @Test
    void numbersCompareTypeAndBits() {
        assertTrue(Results.matches(List.of(WastValue.Num.i32(-1)), new WasmValue[] {WasmValue.i32(-1)}));
        assertFalse(Results.matches(List.of(WastValue.Num.i32(-1)), new WasmValue[] {WasmValue.i64(0xFFFF_FFFFL)}), "type counts");
        // 0.0 and -0.0 are equal as numbers but not as bits.
        assertFalse(Results.matches(List.of(WastValue.Num.f64Bits(0L)), new WasmValue[] {WasmValue.f64Bits(0x8000_0000_0000_0000L)}));
        // A NaN expected as a literal must match its payload exactly.
        assertFalse(Results.matches(List.of(WastValue.Num.f32Bits(0x7fa0_0000)), new WasmValue[] {WasmValue.f32Bits(0x7fc0_0000)}));
        assertEquals("wrong NaN bits (f32)", Results.mismatchReason(List.of(WastValue.Num.f32Bits(0x7fa0_0000)),
                new WasmValue[] {WasmValue.f32Bits(0x7fc0_0000)}));
        assertEquals("wrong number of results", Results.mismatchReason(List.of(), new WasmValue[] {WasmValue.i32(1)}));
        assertEquals("wrong result", Results.mismatchReason(List.of(WastValue.Num.i32(1)), new WasmValue[] {WasmValue.i32(2)}));
    }

    @Test
    void nanPatterns() {
        assertTrue(Results.matches(CANONICAL_F32, WasmValue.f32Bits(0x7fc0_0000)));
        assertTrue(Results.matches(CANONICAL_F32, WasmValue.f32Bits(0xffc0_0000)), "either sign");
        assertFalse(Results.matches(CANONICAL_F32, WasmValue.f32Bits(0x7fe0_0000)), "extra payload bit");
        assertFalse(Results.matches(CANONICAL_F32, WasmValue.f64Bits(0x7ff8_0000_0000_0000L)), "wrong type");
        assertTrue(Results.matches(ARITHMETIC_F64, WasmValue.f64Bits(0xfffc_0000_0000_0001L)));
        assertFalse(Results.matches(ARITHMETIC_F64, WasmValue.f64Bits(0xfff4_0000_0000_0000L)), "signalling NaN");
        assertEquals("result is not f64:nan:arithmetic", Results.mismatchReason(List.of(ARITHMETIC_F64),
                new WasmValue[] {WasmValue.f64Bits(0xfff4_0000_0000_0000L)}));
    }

    @Test
    void observedIsTheCanonicalText() {
        assertEquals("ok", Results.observed(new WasmValue[0]));
        assertEquals("ok i32:-5 f32:0x7fc00000 f64:0x3ff0000000000000", Results.observed(new WasmValue[] {
                WasmValue.i32(-5), WasmValue.f32Bits(0x7fc0_0000), WasmValue.f64Bits(0x3ff0_0000_0000_0000L)}));
    }
}

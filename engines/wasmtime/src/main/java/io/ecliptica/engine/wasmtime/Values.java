package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import io.github.kawamuray.wasmtime.Val;

/**
 * Conversions between raw value bits and the binding's {@link Val}, which boxes floats as Java
 * {@code float}/{@code double}. The raw-bit conversions used here ({@code intBitsToFloat},
 * {@code floatToRawIntBits}) and the JNI transfer move the bits unchanged on x86-64, signalling NaNs
 * included (checked by the adapter's tests); no float arithmetic ever touches them.
 */
final class Values {

    private Values() {
    }

    static Val.Type valType(ValueType type) {
        return switch (type) {
            case I32 -> Val.Type.I32;
            case I64 -> Val.Type.I64;
            case F32 -> Val.Type.F32;
            case F64 -> Val.Type.F64;
        };
    }

    /** Raw bits as in {@link WasmValue#bits()}, except that i32 is sign-extended (host-call convention). */
    static long toBits(Val v) {
        return switch (v.getType()) {
            case I32 -> v.i32();
            case I64 -> v.i64();
            case F32 -> Float.floatToRawIntBits(v.f32()) & 0xFFFF_FFFFL;
            case F64 -> Double.doubleToRawLongBits(v.f64());
            default -> throw new IllegalStateException("value of type " + v.getType() + " outside i32/i64/f32/f64");
        };
    }

    static Val toVal(ValueType type, long bits) {
        return switch (type) {
            case I32 -> Val.fromI32((int) bits);
            case I64 -> Val.fromI64(bits);
            case F32 -> Val.fromF32(Float.intBitsToFloat((int) bits));
            case F64 -> Val.fromF64(Double.longBitsToDouble(bits));
        };
    }

    static WasmValue toValue(ValueType type, Val v) {
        if (valType(type) != v.getType()) {
            throw new IllegalStateException("wasmtime returned " + v.getType() + " where " + type + " was expected");
        }
        return new WasmValue(type, toBits(v));
    }
}

package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import java.util.List;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * Raw bits to and from the boxed Java numbers GraalWasm exchanges over the polyglot API.
 *
 * <p>The polyglot API has no raw-bits channel for floats: f32 crosses as {@link Float} and f64 as
 * {@link Double}. Only {@code intBitsToFloat}/{@code floatToRawIntBits} (and the double
 * equivalents) touch them here, never arithmetic or a float-to-double widening, which is what would
 * quiet a signalling NaN. Measured on x86-64 (Temurin 25, both the fallback interpreter and the
 * Graal JIT): every NaN payload, signalling ones included, arrives bit-exact in both directions.
 */
final class Values {
    private Values() {
    }

    /** The argument object GraalWasm expects for a wasm parameter of this type. */
    static Object toGuest(ValueType type, long bits) {
        return switch (type) {
            case I32 -> (int) bits;
            case I64 -> bits;
            case F32 -> Float.intBitsToFloat((int) bits);
            case F64 -> Double.longBitsToDouble(bits);
        };
    }

    static Object[] toGuest(List<ValueType> types, WasmValue[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = toGuest(types.get(i), values[i].bits());
        }
        return out;
    }

    /**
     * Raw bits of a value GraalWasm handed over, as {@link io.ecliptica.engine.HostFunction} wants
     * them: i32 sign-extended, f32 bits zero-extended.
     */
    static long toBits(ValueType type, Value v) {
        return switch (type) {
            case I32 -> v.asInt();
            case I64 -> v.asLong();
            case F32 -> Integer.toUnsignedLong(Float.floatToRawIntBits(v.asFloat()));
            case F64 -> Double.doubleToRawLongBits(v.asDouble());
        };
    }

    /** Results of an export call: nothing, one value, or an array for multi-value returns. */
    static WasmValue[] results(List<ValueType> types, Value result) {
        WasmValue[] out = new WasmValue[types.size()];
        if (types.size() == 1) {
            out[0] = new WasmValue(types.get(0), toBits(types.get(0), result));
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = new WasmValue(types.get(i), toBits(types.get(i), result.getArrayElement(i)));
            }
        }
        return out;
    }

    /** What a host function returns to GraalWasm: null, one boxed value, or an array. */
    static Object hostResult(List<ValueType> types, long[] bits) {
        if (types.isEmpty()) {
            return null;
        }
        if (types.size() == 1) {
            return toGuest(types.get(0), bits[0]);
        }
        Object[] values = new Object[types.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = toGuest(types.get(i), bits[i]);
        }
        // GraalWasm insists on an interop array for multi-value ("has to be provided by an array type").
        return ProxyArray.fromArray(values);
    }
}

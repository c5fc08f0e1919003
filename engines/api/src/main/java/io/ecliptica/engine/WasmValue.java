package io.ecliptica.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * A typed WebAssembly value held as raw bits, so that comparisons are bit-exact (NaN payloads
 * included). {@code bits} holds the value zero-extended for 32-bit types.
 */
public record WasmValue(ValueType type, long bits) {

    public WasmValue {
        Objects.requireNonNull(type, "type");
        if (type == ValueType.I32 || type == ValueType.F32) {
            bits &= 0xFFFF_FFFFL;
        }
    }

    public static WasmValue i32(int v) {
        return new WasmValue(ValueType.I32, v);
    }

    public static WasmValue i64(long v) {
        return new WasmValue(ValueType.I64, v);
    }

    public static WasmValue f32Bits(int bits) {
        return new WasmValue(ValueType.F32, bits);
    }

    public static WasmValue f64Bits(long bits) {
        return new WasmValue(ValueType.F64, bits);
    }

    public int asI32() {
        return (int) bits;
    }

    public long asI64() {
        return bits;
    }

    /**
     * Canonical text: {@code i32:-5}, {@code i64:42} (signed decimal), {@code f32:0x7fc00000},
     * {@code f64:0x3ff0000000000000} (raw bits, lower-case hex, fixed width).
     */
    @Override
    public String toString() {
        return switch (type) {
            case I32 -> "i32:" + (int) bits;
            case I64 -> "i64:" + bits;
            case F32 -> String.format(Locale.ROOT, "f32:0x%08x", bits);
            case F64 -> String.format(Locale.ROOT, "f64:0x%016x", bits);
        };
    }

    /** Parses the canonical text form; also accepts decimal floats such as {@code f64:1.5}. */
    public static WasmValue parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("value '" + text + "' is not of the form type:value (e.g. i32:5)");
        }
        String t = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String v = text.substring(colon + 1).trim();
        try {
            return switch (t) {
                case "i32" -> i32(isHex(v) ? (int) Long.parseUnsignedLong(v.substring(2), 16) : Integer.parseInt(v));
                case "i64" -> i64(isHex(v) ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v));
                case "f32" -> f32Bits(isHex(v) ? (int) Long.parseUnsignedLong(v.substring(2), 16)
                        : Float.floatToRawIntBits(Float.parseFloat(v)));
                case "f64" -> f64Bits(isHex(v) ? Long.parseUnsignedLong(v.substring(2), 16)
                        : Double.doubleToRawLongBits(Double.parseDouble(v)));
                default -> throw new IllegalArgumentException("unknown value type '" + t + "' (use i32, i64, f32, f64)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value '" + text + "' is not a valid " + t);
        }
    }

    private static boolean isHex(String v) {
        return v.startsWith("0x") || v.startsWith("0X");
    }
}

package io.ecliptica.harness.spec;

import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;
import io.ecliptica.text.ValType;
import io.ecliptica.text.WastValue;
import java.util.List;
import java.util.stream.Collectors;

/** Values between the script's notation and the engine API, and the bit-exact result check. */
final class Results {
    private Results() {
    }

    static WasmValue toWasm(WastValue.Num n) {
        return new WasmValue(valueType(n.type()), n.bits());
    }

    static ValueType valueType(ValType t) {
        return switch (t) {
            case I32 -> ValueType.I32;
            case I64 -> ValueType.I64;
            case F32 -> ValueType.F32;
            case F64 -> ValueType.F64;
            default -> throw new IllegalArgumentException("not a number type: " + t);
        };
    }

    /** The canonical text of a normal return: {@code ok}, then each value (raw bits for floats). */
    static String observed(WasmValue[] results) {
        StringBuilder sb = new StringBuilder("ok");
        for (WasmValue v : results) {
            sb.append(' ').append(v);
        }
        return sb.toString();
    }

    /** Every result has the expected type and bits, or matches the expected NaN class. */
    static boolean matches(List<WastValue> expected, WasmValue[] actual) {
        if (expected.size() != actual.length) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (!matches(expected.get(i), actual[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(WastValue expected, WasmValue actual) {
        return switch (expected) {
            case WastValue.Num n -> actual.type() == valueType(n.type()) && actual.bits() == toWasm(n).bits();
            case WastValue.NanPattern p -> actual.type() == valueType(p.type()) && p.matches(actual.bits());
            default -> false;
        };
    }

    /** The category of a mismatch, for grouping failures: no values in it. */
    static String mismatchReason(List<WastValue> expected, WasmValue[] actual) {
        if (expected.size() != actual.length) {
            return "wrong number of results";
        }
        for (int i = 0; i < actual.length; i++) {
            WastValue e = expected.get(i);
            if (matches(e, actual[i])) {
                continue;
            }
            if (e instanceof WastValue.NanPattern p) {
                return "result is not " + p; // e.g. f32:nan:canonical
            }
            if (e instanceof WastValue.Num n && isNaN(toWasm(n))) {
                return "wrong NaN bits (" + n.type().wastName() + ")";
            }
            return "wrong result";
        }
        return "wrong result";
    }

    static String describe(List<WastValue> expected) {
        return expected.stream().map(v -> v instanceof WastValue.Num n ? toWasm(n).toString() : v.toString())
                .collect(Collectors.joining(" ", "[", "]"));
    }

    static boolean isNaN(WasmValue v) {
        return switch (v.type()) {
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) v.bits()));
            case F64 -> Double.isNaN(Double.longBitsToDouble(v.bits()));
            default -> false;
        };
    }
}

package io.ecliptica.text;

import java.util.List;

/**
 * A value in a {@code .wast} script: an argument of an action, or an expected result (which may
 * be a pattern: a NaN class, a type only, any non-null reference).
 */
public sealed interface WastValue {
    ValType type();

    /**
     * An i32/i64/f32/f64 value as raw bits: i32 and f32 in the low 32 bits (zero-extended), f32
     * and f64 as IEEE 754 bit patterns (NaN payloads preserved).
     */
    record Num(ValType type, long bits) implements WastValue {
        public Num {
            if (!type.isNumeric()) {
                throw new IllegalArgumentException("not a numeric type: " + type);
            }
            if (type == ValType.I32 || type == ValType.F32) {
                bits &= 0xFFFF_FFFFL;
            }
        }

        public static Num i32(int v) {
            return new Num(ValType.I32, v);
        }

        public static Num i64(long v) {
            return new Num(ValType.I64, v);
        }

        public static Num f32Bits(int bits) {
            return new Num(ValType.F32, bits);
        }

        public static Num f64Bits(long bits) {
            return new Num(ValType.F64, bits);
        }

        public int asI32() {
            return (int) bits;
        }

        public long asI64() {
            return bits;
        }

        public float asF32() {
            return Float.intBitsToFloat((int) bits);
        }

        public double asF64() {
            return Double.longBitsToDouble(bits);
        }

        @Override
        public String toString() {
            return switch (type) {
                case I32 -> "i32:" + (int) bits;
                case I64 -> "i64:" + bits;
                case F32 -> "f32:" + Float.intBitsToFloat((int) bits)
                        + "(0x" + Integer.toHexString((int) bits) + ")";
                default -> "f64:" + Double.longBitsToDouble(bits) + "(0x" + Long.toHexString(bits) + ")";
            };
        }
    }

    enum NanKind {
        /** {@code nan:canonical}: a NaN with only the top payload bit set, either sign. */
        CANONICAL,
        /** {@code nan:arithmetic}: a NaN with the top payload bit set, any other payload, either sign. */
        ARITHMETIC
    }

    /** An expected f32/f64 result {@code nan:canonical} or {@code nan:arithmetic}. */
    record NanPattern(ValType type, NanKind kind) implements WastValue {
        public NanPattern {
            if (type != ValType.F32 && type != ValType.F64) {
                throw new IllegalArgumentException("NaN pattern for " + type);
            }
        }

        /** Whether {@code bits} (low 32 bits for f32) matches this pattern. */
        public boolean matches(long bits) {
            if (type == ValType.F32) {
                int b = (int) bits;
                int payload = b & 0x007F_FFFF;
                boolean nan = (b & 0x7F80_0000) == 0x7F80_0000 && payload != 0;
                return nan && (kind == NanKind.CANONICAL ? payload == 0x0040_0000 : (payload & 0x0040_0000) != 0);
            }
            long payload = bits & 0x000F_FFFF_FFFF_FFFFL;
            boolean nan = (bits & 0x7FF0_0000_0000_0000L) == 0x7FF0_0000_0000_0000L && payload != 0;
            return nan && (kind == NanKind.CANONICAL
                    ? payload == 0x0008_0000_0000_0000L
                    : (payload & 0x0008_0000_0000_0000L) != 0);
        }

        @Override
        public String toString() {
            return type.wastName() + ":nan:" + kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A v128 value or pattern, as wast2json gives it: the lane shape ({@code i8 i16 i32 i64 f32
     * f64}) and one string per lane, each the lane's unsigned decimal bits or, in expected
     * results, {@code nan:canonical}/{@code nan:arithmetic}.
     */
    record V128(String laneType, List<String> lanes) implements WastValue {
        public V128 {
            lanes = List.copyOf(lanes);
        }

        @Override
        public ValType type() {
            return ValType.V128;
        }

        public boolean hasNanPattern() {
            return lanes.stream().anyMatch(l -> l.startsWith("nan:"));
        }

        /** The 16 bytes (little-endian lanes); only for values without NaN patterns. */
        public byte[] bytes() {
            int laneBytes = switch (laneType) {
                case "i8" -> 1;
                case "i16" -> 2;
                case "i32", "f32" -> 4;
                case "i64", "f64" -> 8;
                default -> throw new TextToolException("unknown v128 lane type " + laneType);
            };
            if (lanes.size() * laneBytes != 16) {
                throw new TextToolException("v128 " + laneType + " with " + lanes.size() + " lanes");
            }
            byte[] out = new byte[16];
            for (int i = 0; i < lanes.size(); i++) {
                long v = Long.parseUnsignedLong(lanes.get(i));
                for (int b = 0; b < laneBytes; b++) {
                    out[i * laneBytes + b] = (byte) (v >>> (8 * b));
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "v128:" + laneType + lanes;
        }
    }

    /** {@code ref.null func} / {@code ref.null extern}. */
    record RefNull(ValType type) implements WastValue {
        public RefNull {
            if (!type.isReference()) {
                throw new IllegalArgumentException("not a reference type: " + type);
            }
        }

        @Override
        public String toString() {
            return "ref.null:" + type.wastName();
        }
    }

    /**
     * A non-null reference given by number: {@code (ref.extern N)} is the host reference N (the
     * script's own opaque values; a runner maps N to one host object per number).
     */
    record RefHost(ValType type, long id) implements WastValue {
        public RefHost {
            if (!type.isReference()) {
                throw new IllegalArgumentException("not a reference type: " + type);
            }
        }

        @Override
        public String toString() {
            return "ref:" + type.wastName() + ":" + id;
        }
    }

    /**
     * A value given by its type only. In {@code assert_trap}/{@code assert_exhaustion} it is the
     * action's result type (nothing to compare); in an {@code assert_return} it means "any
     * non-null reference of this type" ({@code (ref.func)}, {@code (ref.extern)}).
     */
    record AnyOf(ValType type) implements WastValue {
        @Override
        public String toString() {
            return "any:" + type.wastName();
        }
    }
}

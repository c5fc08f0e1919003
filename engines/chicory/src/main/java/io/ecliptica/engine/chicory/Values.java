package io.ecliptica.engine.chicory;

import io.ecliptica.engine.ValueType;
import io.ecliptica.engine.WasmValue;

/** Raw-bit conversions between the API ({@link WasmValue#bits()}) and Chicory's {@code long} slots. */
final class Values {

    static final long[] NONE = new long[0];

    private Values() {
    }

    /**
     * Chicory slot to host-function argument: i32 sign-extended, f32 as its 32 bits zero-extended
     * (as {@link WasmValue#bits()}), 64-bit types unchanged.
     */
    static long toApiBits(ValueType type, long slot) {
        return switch (type) {
            case I32 -> (int) slot;
            case F32 -> slot & 0xFFFF_FFFFL;
            case I64, F64 -> slot;
        };
    }

    /** API bits to a Chicory slot: 32-bit types as Java's int-to-long widening, as Chicory stores them. */
    static long toChicoryBits(ValueType type, long bits) {
        return switch (type) {
            case I32, F32 -> (int) bits;
            case I64, F64 -> bits;
        };
    }

    static WasmValue toValue(ValueType type, long slot) {
        return new WasmValue(type, slot); // the record masks 32-bit types
    }

    /** Throws {@code t} unchecked, whatever it is; declared to return so callers can write {@code throw}. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}

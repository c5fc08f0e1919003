package io.ecliptica.instrument;

/** The value types this instrumenter accepts (numeric only; reference and vector types are rejected). */
enum ValType {
    I32(0x7F, "i32"),
    I64(0x7E, "i64"),
    F32(0x7D, "f32"),
    F64(0x7C, "f64");

    final int code;
    final String text;

    ValType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The value type with this binary code, or null if it is not a numeric type. */
    static ValType of(int code) {
        return switch (code) {
            case 0x7F -> I32;
            case 0x7E -> I64;
            case 0x7D -> F32;
            case 0x7C -> F64;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}

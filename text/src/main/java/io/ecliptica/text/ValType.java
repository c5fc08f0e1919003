package io.ecliptica.text;

/** Value types that occur in {@code .wast} scripts of the WebAssembly 2.0 core testsuite. */
public enum ValType {
    I32("i32"),
    I64("i64"),
    F32("f32"),
    F64("f64"),
    V128("v128"),
    FUNCREF("funcref"),
    EXTERNREF("externref");

    private final String wastName;

    ValType(String wastName) {
        this.wastName = wastName;
    }

    /** The name in the text format and in wast2json output, e.g. {@code externref}. */
    public String wastName() {
        return wastName;
    }

    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** Parses a wast2json type name; throws {@link TextToolException} if unknown. */
    public static ValType of(String wastName) {
        for (ValType t : values()) {
            if (t.wastName.equals(wastName)) {
                return t;
            }
        }
        throw new TextToolException("unknown value type \"" + wastName + "\"");
    }
}

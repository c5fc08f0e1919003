package io.ecliptica.engine;

/**
 * Engine-neutral trap classes. Adapters map their engine's own error types and messages onto
 * these; the names follow the WebAssembly spec testsuite's {@code assert_trap} messages.
 */
public enum TrapKind {
    UNREACHABLE("unreachable"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    OUT_OF_BOUNDS_MEMORY("out of bounds memory access"),
    OUT_OF_BOUNDS_TABLE("out of bounds table access"),
    UNDEFINED_ELEMENT("undefined element"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    /** The engine trapped but its error could not be classified; the message says what it was. */
    UNKNOWN("unknown trap");

    private final String specMessage;

    TrapKind(String specMessage) {
        this.specMessage = specMessage;
    }

    /** The message the spec testsuite uses for this trap. */
    public String specMessage() {
        return specMessage;
    }

    /** Canonical identifier used in results and vectors, e.g. {@code integer_divide_by_zero}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Classifies an engine's trap message by the spec phrases it contains. Shared by the adapters
     * because every engine here words its traps after the spec.
     */
    public static TrapKind fromMessage(String message) {
        if (message == null) {
            return UNKNOWN;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("unreachable")) return UNREACHABLE;
        if (m.contains("divide by zero") || m.contains("division by zero")) return INTEGER_DIVIDE_BY_ZERO;
        if (m.contains("integer overflow")) return INTEGER_OVERFLOW;
        if (m.contains("invalid conversion") || m.contains("bad conversion")) return INVALID_CONVERSION_TO_INTEGER;
        if (m.contains("out of bounds memory") || m.contains("memory access out of bounds")
                || m.contains("out-of-bounds memory")) return OUT_OF_BOUNDS_MEMORY;
        if (m.contains("out of bounds table") || m.contains("table access out of bounds")
                || m.contains("table index is out of bounds") || m.contains("out-of-bounds table")) return OUT_OF_BOUNDS_TABLE;
        if (m.contains("undefined element")) return UNDEFINED_ELEMENT;
        if (m.contains("uninitialized element")) return UNINITIALIZED_ELEMENT;
        if (m.contains("indirect call type mismatch") || m.contains("signature mismatch")) return INDIRECT_CALL_TYPE_MISMATCH;
        if (m.contains("call stack exhausted") || m.contains("stack overflow") || m.contains("call stack exhaustion")) return CALL_STACK_EXHAUSTED;
        return UNKNOWN;
    }
}

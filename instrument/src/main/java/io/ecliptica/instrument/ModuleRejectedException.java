package io.ecliptica.instrument;

/**
 * The module is not accepted by the profile. The rejection is a deterministic, compared outcome:
 * {@link #getMessage()} is one line, {@code "invalid: <feature> at offset <N>: <detail>"}, where
 * {@code feature} is one of the names in docs/gas.md §Feature gate (for example {@code simd},
 * {@code reference-types}, {@code limit:memory-pages}, {@code import}, or {@code malformed} and
 * {@code invalid} for modules that do not decode or do not validate) and {@code offset} is the byte
 * offset in the input module of the construct that was rejected (the opcode, the section entry, or
 * the byte where decoding failed).
 */
public final class ModuleRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String feature;
    private final long offset;
    private final String detail;

    public ModuleRejectedException(String feature, long offset, String detail) {
        super(format(feature, offset, detail));
        this.feature = feature;
        this.offset = offset;
        this.detail = detail;
    }

    private static String format(String feature, long offset, String detail) {
        String line = "invalid: " + feature + " at offset " + offset;
        if (detail != null && !detail.isBlank()) {
            line += ": " + detail.replace('\n', ' ').replace('\r', ' ');
        }
        return line;
    }

    /** The rejected feature or limit (docs/gas.md §Feature gate). */
    public String feature() {
        return feature;
    }

    /** Byte offset in the input module. */
    public long offset() {
        return offset;
    }

    /** The human-readable detail after the offset. */
    public String detail() {
        return detail;
    }
}

package io.ecliptica.engine;

/** The four WebAssembly 1.0 number types; the only value types the deterministic profile admits. */
public enum ValueType {
    I32, I64, F32, F64;

    public String wasmName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

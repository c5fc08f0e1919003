package io.ecliptica.engine.wasmtime;

/**
 * The knobs that distinguish one wasmtime engine variant from another. Everything else the
 * deterministic profile fixes (SIMD, threads, reference types and multi-memory off; bulk memory
 * and multi-value on; epoch interruption on) is not a knob.
 *
 * @param id engine id as registered, e.g. {@code wasmtime}
 * @param nanCanonicalization cranelift rewrites every NaN a float instruction produces to the
 *        canonical NaN ({@code 7fc00000} / {@code 7ff8000000000000}). Off by default: the platform
 *        canonicalizes by instrumenting the module. (wasmtime 7.0.1 misses {@code f32.demote_f64}.)
 * @param maxWasmStack bytes of native stack wasm may use before trapping "call stack exhausted";
 *        at most 2 MiB with this binding (see {@link #MAX_WASM_STACK_LIMIT})
 */
public record WasmtimeSettings(String id, boolean nanCanonicalization, long maxWasmStack) {

    /**
     * wasmtime-java is built with wasmtime's {@code async} feature, which makes wasmtime refuse a
     * {@code max_wasm_stack} above {@code async_stack_size} (2 MiB by default), and the binding
     * offers no way to raise {@code async_stack_size}. Measured: 2 MiB allows 65,521 frames of a
     * one-parameter recursive function and 32,760 of one with three parameters and four locals.
     */
    public static final long MAX_WASM_STACK_LIMIT = 2L << 20;

    /** The registered {@code wasmtime} engine. */
    public static final WasmtimeSettings DEFAULT = new WasmtimeSettings("wasmtime", false, MAX_WASM_STACK_LIMIT);

    public WasmtimeSettings {
        if (maxWasmStack <= 0 || maxWasmStack > MAX_WASM_STACK_LIMIT) {
            throw new IllegalArgumentException("maxWasmStack must be in (0, " + MAX_WASM_STACK_LIMIT + "], got " + maxWasmStack);
        }
    }

    /** The same engine with NaN canonicalization on, under another id (e.g. {@code wasmtime-nancanon}). */
    public WasmtimeSettings withNanCanonicalization(String variantId) {
        return new WasmtimeSettings(variantId, true, maxWasmStack);
    }

    String mode() {
        return "cranelift native code via JNI" + (nanCanonicalization ? ", NaN canonicalization on" : "");
    }
}

package io.ecliptica.engine.wasmtime;

/**
 * {@code wasmtime-nancanon}: Wasmtime with Cranelift's own NaN canonicalization on. Not in the
 * default engine set: it exists to show that an engine flag is not enough (wasmtime 7.0.1 misses
 * {@code f32.demote_f64}) and that the profile's injected canonicalization is.
 */
public final class WasmtimeNanCanonProvider extends WasmtimeEngineProvider {
    public WasmtimeNanCanonProvider() {
        super(WasmtimeSettings.DEFAULT.withNanCanonicalization("wasmtime-nancanon"));
    }

    @Override
    public boolean selectedByDefault() {
        return false;
    }
}

package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;

/**
 * Service entry for the {@code wasmtime} engine. A variant is a subclass with a no-argument
 * constructor passing other settings, plus one line in {@code META-INF/services}, e.g.
 * <pre>{@code
 * public final class WasmtimeNanCanonProvider extends WasmtimeEngineProvider {
 *     public WasmtimeNanCanonProvider() { super(WasmtimeSettings.DEFAULT.withNanCanonicalization("wasmtime-nancanon")); }
 * }
 * }</pre>
 */
public class WasmtimeEngineProvider implements WasmEngineProvider {

    private final WasmtimeSettings settings;

    public WasmtimeEngineProvider() {
        this(WasmtimeSettings.DEFAULT);
    }

    protected WasmtimeEngineProvider(WasmtimeSettings settings) {
        this.settings = settings;
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public String description() {
        return "Wasmtime (cranelift, native) through wasmtime-java/JNI"
                + (settings.nanCanonicalization() ? ", NaN canonicalization on" : "");
    }

    @Override
    public WasmEngine create() throws EngineUnavailableException {
        try {
            return new WasmtimeEngine(settings);
        } catch (LinkageError | RuntimeException e) {
            // UnsatisfiedLinkError (no native library for this OS/CPU), ExceptionInInitializerError,
            // NoClassDefFoundError, the loader's "platform not supported", a refused configuration.
            throw new EngineUnavailableException("wasmtime unavailable: " + e.getClass().getSimpleName() + ": "
                    + Traps.firstLine(e.getMessage()), e);
        }
    }
}

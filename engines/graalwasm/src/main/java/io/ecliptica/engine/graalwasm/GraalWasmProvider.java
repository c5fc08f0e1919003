package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;

/** Service-loader entry for {@code graalwasm}. */
public final class GraalWasmProvider implements WasmEngineProvider {

    @Override
    public String id() {
        return GraalWasmEngine.ID;
    }

    @Override
    public String description() {
        return "GraalWasm through the polyglot API (Truffle; Graal JIT when JVMCI and the compiler are present)";
    }

    @Override
    public WasmEngine create() throws EngineUnavailableException {
        if (Runtime.version().feature() < 21) {
            throw new EngineUnavailableException("GraalWasm needs JDK 21 or newer; this JVM is " + Runtime.version(), null);
        }
        try {
            return GraalWasmEngine.start();
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException("GraalWasm cannot start: " + GraalWasmEngine.firstLine(String.valueOf(e)), e);
        }
    }
}

package io.ecliptica.engine.wasmtime;

import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.tck.EngineContractTest;

/** The shared adapter contract, on the registered {@code wasmtime} engine. */
class WasmtimeContractTest extends EngineContractTest {

    @Override
    protected WasmEngine createEngine() throws Exception {
        return new WasmtimeEngineProvider().create();
    }
}

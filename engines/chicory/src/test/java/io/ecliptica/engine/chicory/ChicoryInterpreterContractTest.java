package io.ecliptica.engine.chicory;

import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.tck.EngineContractTest;

/** The shared adapter contract, on Chicory's interpreter. */
class ChicoryInterpreterContractTest extends EngineContractTest {
    @Override
    protected WasmEngine createEngine() throws Exception {
        return new ChicoryInterpreterEngine.Provider().create();
    }
}

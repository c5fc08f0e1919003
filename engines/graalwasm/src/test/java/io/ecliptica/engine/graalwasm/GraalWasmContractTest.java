package io.ecliptica.engine.graalwasm;

import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.tck.EngineContractTest;

/** The shared adapter contract, on GraalWasm (run once per Truffle runtime, see the pom). */
class GraalWasmContractTest extends EngineContractTest {
    @Override
    protected WasmEngine createEngine() throws Exception {
        return new GraalWasmProvider().create();
    }
}

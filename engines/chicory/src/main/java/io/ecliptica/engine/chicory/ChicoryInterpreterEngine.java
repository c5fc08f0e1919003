package io.ecliptica.engine.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import java.util.function.Function;

/** Engine {@code chicory-interpreter}: Chicory's bytecode interpreter, nothing compiled ahead. */
public final class ChicoryInterpreterEngine extends ChicoryEngine {

    public static final String ID = "chicory-interpreter";

    public ChicoryInterpreterEngine() {
        super(ID, "interpreter");
    }

    @Override
    Function<Instance, Machine> machineFactory(WasmModule module) {
        return InterpreterMachine::new;
    }

    /** Service-loader entry point. */
    public static final class Provider implements WasmEngineProvider {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "Chicory " + VERSION + " interpreter (pure Java)";
        }

        @Override
        public WasmEngine create() throws EngineUnavailableException {
            try {
                return new ChicoryInterpreterEngine();
            } catch (LinkageError e) {
                throw new EngineUnavailableException("Chicory runtime not usable on this JVM: " + e, e);
            }
        }
    }
}

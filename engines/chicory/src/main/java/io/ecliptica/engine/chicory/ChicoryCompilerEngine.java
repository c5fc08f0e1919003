package io.ecliptica.engine.chicory;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.WasmModule;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.EngineUnavailableException;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.WasmEngine;
import io.ecliptica.engine.WasmEngineProvider;
import java.util.function.Function;

/**
 * Engine {@code chicory-compiler}: Chicory's wasm-to-JVM-bytecode compiler. The module is
 * translated once, in {@link #compile}; the resulting machine factory is shared by every instance.
 *
 * <p>A function too large for one JVM method is left to Chicory's interpreter (its
 * "interpreter fallback"), silently: the module still runs, with the same results, and stays
 * interruptible.
 */
public final class ChicoryCompilerEngine extends ChicoryEngine {

    public static final String ID = "chicory-compiler";

    public ChicoryCompilerEngine() {
        super(ID, "compiled to JVM bytecode");
    }

    @Override
    Function<Instance, Machine> machineFactory(WasmModule module) {
        try {
            return MachineFactoryCompiler.builder(module)
                    .withInterpreterFallback(InterpreterFallback.SILENT)
                    .compile();
        } catch (MalformedException | InvalidException e) {
            throw new ModuleRejectedException(ChicoryErrors.message(e), e);
        } catch (ChicoryException | LinkageError e) {
            throw new EngineFailureException("Chicory compiler failed on a validated module: " + ChicoryErrors.message(e), e);
        } catch (RuntimeException e) {
            throw new EngineFailureException("Chicory compiler failed: " + ChicoryErrors.message(e), e);
        }
    }

    /** Service-loader entry point. */
    public static final class Provider implements WasmEngineProvider {
        @Override
        public String id() {
            return ID;
        }

        @Override
        public String description() {
            return "Chicory " + VERSION + " compiler (wasm to JVM bytecode, compiled once per module)";
        }

        @Override
        public WasmEngine create() throws EngineUnavailableException {
            try {
                // The compiler needs ASM at run time; fail here, not at the first compile().
                Class.forName("org.objectweb.asm.ClassWriter", false, MachineFactoryCompiler.class.getClassLoader());
                return new ChicoryCompilerEngine();
            } catch (ClassNotFoundException | LinkageError e) {
                throw new EngineUnavailableException("Chicory compiler not usable on this JVM: " + e, e);
            }
        }
    }
}

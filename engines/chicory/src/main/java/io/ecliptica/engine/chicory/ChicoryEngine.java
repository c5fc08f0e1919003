package io.ecliptica.engine.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.ecliptica.engine.CompiledModule;
import io.ecliptica.engine.EngineDescriptor;
import io.ecliptica.engine.EngineFailureException;
import io.ecliptica.engine.ModuleRejectedException;
import io.ecliptica.engine.WasmEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * What the two Chicory engines share: parsing with validation, the descriptor, and building a
 * {@link ChicoryModule}. A subclass only says how instances execute ({@link #machineFactory}).
 */
abstract sealed class ChicoryEngine implements WasmEngine permits ChicoryInterpreterEngine, ChicoryCompilerEngine {

    static final String LIBRARY = "Chicory";

    /** The Chicory version on the class path (from the runtime jar's Maven metadata). */
    static final String VERSION = chicoryVersion();

    private final EngineDescriptor descriptor;

    ChicoryEngine(String id, String mode) {
        this.descriptor = new EngineDescriptor(id, LIBRARY, VERSION, mode);
    }

    @Override
    public final EngineDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final CompiledModule compile(byte[] wasm) {
        Objects.requireNonNull(wasm, "wasm");
        WasmModule module = parse(wasm);
        CompileTimeChecks.check(module);
        Function<Instance, Machine> factory = machineFactory(module);
        try {
            return new ChicoryModule(module, factory);
        } catch (RuntimeException e) {
            throw new EngineFailureException("cannot read the imports and exports of a validated module: "
                    + ChicoryErrors.message(e), e);
        }
    }

    /**
     * How instances of {@code module} execute. Called once per compiled module; the returned factory
     * is used for every instance. A module the engine cannot prepare throws
     * {@link ModuleRejectedException} (invalid) or {@link EngineFailureException} (engine fault).
     */
    abstract Function<Instance, Machine> machineFactory(WasmModule module);

    /**
     * Decodes and validates the module. Validation is switched on explicitly (it is Chicory's
     * default too): {@code WasmModule.Builder.build()} then runs Chicory's {@code Validator} over
     * types, function bodies, globals, elements, data, tags and tables, so an invalid module is
     * rejected here and never reaches instantiation.
     */
    static WasmModule parse(byte[] wasm) {
        try {
            return Parser.builder()
                    .withValidation(true)
                    .build()
                    .parse(() -> new ByteArrayInputStream(wasm));
        } catch (ChicoryException e) {
            // MalformedException, InvalidException and plain ChicoryException (e.g. a truncated section).
            throw new ModuleRejectedException(ChicoryErrors.message(e), e);
        } catch (StackOverflowError e) {
            throw new ModuleRejectedException("module nesting too deep for the decoder", e);
        } catch (RuntimeException e) {
            // The decoder tripped over the bytes with a non-Chicory exception (index out of bounds,
            // buffer underflow on a truncated module, ...). It still refused the module.
            throw new ModuleRejectedException("malformed module (" + ChicoryErrors.message(e) + ")", e);
        }
    }

    private static String chicoryVersion() {
        String resource = "/META-INF/maven/com.dylibso.chicory/runtime/pom.properties";
        try (InputStream in = Instance.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return "unknown";
    }
}

package io.ecliptica.engine;

/**
 * One WebAssembly engine behind the narrow interface the harness needs. An engine is used from one
 * thread at a time; the harness gives each engine its own worker thread with a large stack.
 */
public interface WasmEngine extends AutoCloseable {

    EngineDescriptor descriptor();

    /**
     * Parses, validates and compiles a module. Callers cache the result by code hash: compiling can
     * cost far more than running (Chicory's compiler: 0.4–0.7 s per module).
     *
     * @throws ModuleRejectedException malformed or invalid module
     */
    CompiledModule compile(byte[] wasm);

    @Override
    default void close() {
    }
}

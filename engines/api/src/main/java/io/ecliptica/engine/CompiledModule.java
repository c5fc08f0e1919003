package io.ecliptica.engine;

import java.util.List;

/** A compiled module, reusable for any number of fresh instances. */
public interface CompiledModule extends AutoCloseable {

    /**
     * Creates a fresh instance linked against {@code imports} (imports the module does not use are
     * ignored). Runs active segments and the start function.
     *
     * @throws LinkException the module imports something {@code imports} does not provide
     * @throws WasmTrapException instantiation trapped (segment out of bounds, start function trap)
     */
    ModuleInstance instantiate(List<HostImport> imports);

    @Override
    default void close() {
    }
}

package io.ecliptica.harness.exec;

import io.ecliptica.engine.WasmEngineProvider;

/**
 * An engine usable only when named ({@code --engines ID}) and never listed, probed or run by
 * default: the fuzzer's stand-in bug engines, which live on the test class path only. Registered
 * with {@code ServiceLoader} under this interface's name, so {@link EngineRegistry#ids()} and
 * {@code harness engines} never see them while {@code verify} and {@code fuzz} can still run
 * them by id (a reproducer of a stand-in bug must replay on the buggy engine).
 */
public interface UnlistedEngineProvider extends WasmEngineProvider {
    @Override
    default boolean selectedByDefault() {
        return false;
    }
}

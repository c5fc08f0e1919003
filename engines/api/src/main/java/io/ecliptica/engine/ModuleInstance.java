package io.ecliptica.engine;

/** One instance of a module: its own memory, globals and tables. Used for one transaction. */
public interface ModuleInstance extends AutoCloseable {

    /**
     * Calls an exported function and returns its results.
     *
     * @throws LinkException no such function export, or {@code args} do not match its signature
     * @throws WasmTrapException the call trapped
     * @throws ExecutionInterruptedException {@link #interrupt()} stopped it
     * @throws RuntimeException the exact exception a {@link HostFunction} threw
     */
    WasmValue[] call(String export, WasmValue... args);

    /** The signature of a function export, or {@code null} if there is none by that name. */
    FunctionType exportType(String export);

    /**
     * Asks a running {@link #call} on another thread to stop soon with
     * {@link ExecutionInterruptedException}. Safe to call from any thread, at any time.
     */
    void interrupt();

    @Override
    default void close() {
    }
}

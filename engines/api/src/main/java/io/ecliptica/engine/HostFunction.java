package io.ecliptica.engine;

/**
 * Host-side implementation of an imported function. Arguments and results are raw bits as in
 * {@link WasmValue#bits()} (i32 arguments arrive sign-extended; only the low 32 bits of an i32
 * result are used).
 *
 * <p>An exception thrown here ends the wasm call; every adapter must rethrow the very same
 * exception object from {@link ModuleInstance#call}, unwrapped, so the host can tell a revert or an
 * ABI violation from an engine trap.
 */
@FunctionalInterface
public interface HostFunction {
    long[] call(Memory memory, long[] args);
}

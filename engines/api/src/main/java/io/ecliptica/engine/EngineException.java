package io.ecliptica.engine;

/** Base of the engine-neutral outcomes an adapter reports instead of its engine's own exceptions. */
public abstract sealed class EngineException extends RuntimeException
        permits ModuleRejectedException, LinkException, WasmTrapException, ExecutionInterruptedException,
        EngineFailureException {

    protected EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}

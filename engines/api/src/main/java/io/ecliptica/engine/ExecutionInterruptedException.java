package io.ecliptica.engine;

/** The call was stopped through {@link ModuleInstance#interrupt()} (wall-clock guard). */
public final class ExecutionInterruptedException extends EngineException {
    public ExecutionInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}

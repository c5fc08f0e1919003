package io.ecliptica.engine;

/** The engine itself failed (internal error, unexpected exception): not a result of the module. */
public final class EngineFailureException extends EngineException {
    public EngineFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.ecliptica.engine;

/** The engine refused the module bytes at compile time: malformed binary or failed validation. */
public final class ModuleRejectedException extends EngineException {
    public ModuleRejectedException(String engineMessage, Throwable cause) {
        super(engineMessage, cause);
    }
}

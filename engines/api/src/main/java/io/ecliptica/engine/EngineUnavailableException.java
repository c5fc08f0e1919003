package io.ecliptica.engine;

/** The engine cannot start here (missing native library, JVM too old, ...). */
public final class EngineUnavailableException extends Exception {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

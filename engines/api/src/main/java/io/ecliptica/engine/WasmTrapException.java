package io.ecliptica.engine;

/** The module trapped (during instantiation or a call); {@link #kind()} is the normalized class. */
public final class WasmTrapException extends EngineException {
    private final TrapKind kind;

    public WasmTrapException(TrapKind kind, String engineMessage, Throwable cause) {
        super(engineMessage, cause);
        this.kind = kind;
    }

    public TrapKind kind() {
        return kind;
    }
}

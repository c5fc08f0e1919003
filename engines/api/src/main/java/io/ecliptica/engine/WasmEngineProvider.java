package io.ecliptica.engine;

/**
 * Service-loader entry point of an engine adapter ({@code META-INF/services}). The harness finds
 * adapters this way, so it depends on this API only, never on a concrete engine.
 */
public interface WasmEngineProvider {

    /** Stable engine id, e.g. {@code chicory-interpreter}. */
    String id();

    /** One-line description for {@code harness engines}. */
    String description();

    /**
     * Starts the engine. An engine that cannot run on this JVM throws
     * {@link EngineUnavailableException} with the reason; the harness reports it and goes on.
     */
    WasmEngine create() throws EngineUnavailableException;

    /**
     * Whether the engine runs when no engines are named ({@code --engines}). Variants that exist to
     * demonstrate a problem (e.g. an engine's own NaN flag) are usable by name only.
     */
    default boolean selectedByDefault() {
        return true;
    }
}

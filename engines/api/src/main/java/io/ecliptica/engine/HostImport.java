package io.ecliptica.engine;

import java.util.Objects;

/** A host function offered to a module under {@code module.name} with a fixed signature. */
public record HostImport(String module, String name, FunctionType type, HostFunction function) {
    public HostImport {
        Objects.requireNonNull(module);
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(function);
    }
}

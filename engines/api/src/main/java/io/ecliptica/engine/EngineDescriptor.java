package io.ecliptica.engine;

/**
 * What an engine is: its stable id (used on the command line and in vectors), the library and
 * version behind it, and the execution mode actually in effect on this JVM.
 */
public record EngineDescriptor(String id, String library, String version, String mode) {
    @Override
    public String toString() {
        return id + " (" + library + " " + version + ", " + mode + ")";
    }
}

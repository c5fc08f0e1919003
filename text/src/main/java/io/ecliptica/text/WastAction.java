package io.ecliptica.text;

import java.util.List;

/** An action of a {@code .wast} script. {@code module} is null for "the most recent module". */
public sealed interface WastAction {
    /** The module's name (e.g. {@code $M1}, or a name given by {@code register}), or null. */
    String module();

    /** The export's name. */
    String field();

    /** {@code (invoke $M "field" args...)}. */
    record Invoke(String module, String field, List<WastValue> args) implements WastAction {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /** {@code (get $M "global")}: read an exported global. */
    record Get(String module, String field) implements WastAction {}
}

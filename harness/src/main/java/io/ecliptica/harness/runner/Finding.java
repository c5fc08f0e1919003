package io.ecliptica.harness.runner;

import io.ecliptica.harness.exec.HarnessFailure;
import java.util.List;

/** Something the oracle found wrong with a vector run. */
public sealed interface Finding {
    Location at();

    /**
     * Engines disagree with each other; every engine's value, in engine order. {@code note} says,
     * on a private chain, whether the plaintexts differ too ("" if not applicable).
     */
    record Divergence(Location at, List<EngineValue> values, String note) implements Finding {
        public Divergence(Location at, List<EngineValue> values) {
            this(at, values, "");
        }
    }

    /** All engines agree, but not with the vector's expected value; {@code note} as for {@link Divergence}. */
    record Mismatch(Location at, String expected, String actual, List<String> engines, String note) implements Finding {
        public Mismatch(Location at, String expected, String actual, List<String> engines) {
            this(at, expected, actual, engines, "");
        }
    }

    /** An engine produced no result here (and none for the rest of the vector). */
    record EngineFailed(Location at, String engine, HarnessFailure failure) implements Finding {
    }

    /** One engine's value of the field, in canonical text (see {@link FieldText}). */
    record EngineValue(String engine, String value, String diagnostic) {
    }
}

package io.ecliptica.harness.result;

import io.ecliptica.engine.WasmValue;
import io.ecliptica.harness.state.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The canonical result of one transaction (docs/abi.md §4): every engine's raw outcome is
 * normalized into this before anything is compared, and only these fields are compared.
 * {@code diagnostic} is the engine's own wording (for reports), never compared.
 */
public record CallResult(
        Status status,
        String errorClass,
        Bytes output,
        List<WasmValue> results,
        List<Event> events,
        List<StorageWrite> writes,
        long gasUsed,
        Bytes stateRoot,
        String diagnostic) {

    public CallResult {
        Objects.requireNonNull(status);
        Objects.requireNonNull(errorClass);
        Objects.requireNonNull(output);
        results = List.copyOf(results);
        events = List.copyOf(events);
        writes = List.copyOf(writes);
        Objects.requireNonNull(stateRoot);
        diagnostic = diagnostic == null ? "" : diagnostic;
    }

    /** The compared fields, in report order: the first one that differs is the one reported. */
    public enum Field {
        STATUS("status"), CLASS("class"), OUTPUT("output"), RESULTS("results"), EVENTS("events"),
        WRITES("writes"), GAS_USED("gasUsed"), STATE_ROOT("stateRoot");

        private final String id;

        Field(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** This result's value for a compared field, as a comparable object. */
    public Object field(Field f) {
        return switch (f) {
            case STATUS -> status;
            case CLASS -> errorClass;
            case OUTPUT -> output;
            case RESULTS -> results;
            case EVENTS -> events;
            case WRITES -> writes;
            case GAS_USED -> gasUsed;
            case STATE_ROOT -> stateRoot;
        };
    }

    /** Equality over the compared fields only (the diagnostic is ignored). */
    public boolean sameAs(CallResult other) {
        for (Field f : Field.values()) {
            if (!field(f).equals(other.field(f))) {
                return false;
            }
        }
        return true;
    }
}

package io.ecliptica.harness.result;

import io.ecliptica.harness.state.Bytes;
import java.util.Objects;

/** One event emitted through {@code emit_event}. */
public record Event(Bytes topic, Bytes data) {
    public Event {
        Objects.requireNonNull(topic);
        Objects.requireNonNull(data);
    }
}

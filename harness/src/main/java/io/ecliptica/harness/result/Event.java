package io.ecliptica.harness.result;

import io.ecliptica.harness.state.Bytes;
import java.util.Objects;

/** One event emitted through {@code emit_event} by the contract at {@code emitter}. */
public record Event(Bytes emitter, Bytes topic, Bytes data) {
    public Event {
        Objects.requireNonNull(emitter);
        Objects.requireNonNull(topic);
        Objects.requireNonNull(data);
    }
}

package io.ecliptica.harness.result;

import io.ecliptica.harness.state.Bytes;
import java.util.Objects;
import java.util.Optional;

/** The final effect of a transaction on one storage key: a value, or deleted ({@code value} empty). */
public record StorageWrite(Bytes key, Optional<Bytes> value) implements Comparable<StorageWrite> {
    public StorageWrite {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
    }

    public static StorageWrite set(Bytes key, Bytes value) {
        return new StorageWrite(key, Optional.of(value));
    }

    public static StorageWrite deleted(Bytes key) {
        return new StorageWrite(key, Optional.empty());
    }

    public boolean isDeletion() {
        return value.isEmpty();
    }

    @Override
    public int compareTo(StorageWrite o) {
        return key.compareTo(o.key);
    }
}

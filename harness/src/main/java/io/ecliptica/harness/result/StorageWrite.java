package io.ecliptica.harness.result;

import io.ecliptica.harness.state.Bytes;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The final effect of a transaction on one storage key of the contract at {@code address}: a
 * value, or deleted ({@code value} empty). With cross-contract calls one transaction can write to
 * several contracts, so the address is part of every write; write sets are ordered by
 * (address, key), both in unsigned byte order.
 */
public record StorageWrite(Bytes address, Bytes key, Optional<Bytes> value) implements Comparable<StorageWrite> {
    private static final Comparator<StorageWrite> ORDER =
            Comparator.comparing(StorageWrite::address).thenComparing(StorageWrite::key);

    public StorageWrite {
        Objects.requireNonNull(address);
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
    }

    public static StorageWrite set(Bytes address, Bytes key, Bytes value) {
        return new StorageWrite(address, key, Optional.of(value));
    }

    public static StorageWrite deleted(Bytes address, Bytes key) {
        return new StorageWrite(address, key, Optional.empty());
    }

    public boolean isDeletion() {
        return value.isEmpty();
    }

    @Override
    public int compareTo(StorageWrite o) {
        return ORDER.compare(this, o);
    }
}
